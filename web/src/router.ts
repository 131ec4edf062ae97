import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { session } from './lib/session'
import { can, type Action } from './lib/roles'

export interface Page {
  path: string
  title: string
  action?: Action
}

// The pages in the menu, in the order a clerk uses them.
export const PAGES: Page[] = [
  { path: '/resolve', title: '查职责' },
  { path: '/worklist', title: '工作清单' },
  { path: '/disputes', title: '争议与裁定' },
  { path: '/catalogue', title: '目录与法规' },
  { path: '/inspections', title: '检查' },
  { path: '/clues', title: '线索' },
  { path: '/import', title: '导入', action: 'import' },
]

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/resolve' },
  { path: '/login', component: () => import('./views/LoginPage.vue'), meta: { title: '登录', public: true } },
  { path: '/resolve', component: () => import('./views/ResolvePage.vue'), meta: { title: '查职责' } },
  { path: '/worklist', component: () => import('./views/WorklistPage.vue'), meta: { title: '工作清单' } },
  { path: '/disputes', component: () => import('./views/DisputesPage.vue'), meta: { title: '争议与裁定' } },
  { path: '/disputes/new', component: () => import('./views/DisputeNewPage.vue'), meta: { title: '申请裁定' } },
  { path: '/disputes/:id', component: () => import('./views/DisputePage.vue'), meta: { title: '争议卷宗' }, props: true },
  { path: '/catalogue', component: () => import('./views/CataloguePage.vue'), meta: { title: '目录与法规' } },
  { path: '/inspections', component: () => import('./views/InspectionsPage.vue'), meta: { title: '检查' } },
  { path: '/clues', component: () => import('./views/CluesPage.vue'), meta: { title: '线索' } },
  { path: '/clues/:id', component: () => import('./views/CluePage.vue'), meta: { title: '线索流转' }, props: true },
  { path: '/import', component: () => import('./views/ImportPage.vue'), meta: { title: '导入', action: 'import' } },
  { path: '/:rest(.*)*', redirect: '/resolve' },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach((to) => {
  if (!to.meta.public && !session.current) return { path: '/login', query: { next: to.fullPath } }
  const action = to.meta.action as Action | undefined
  if (action && !can(session.current?.user.role, action)) return '/resolve'
  return true
})

router.afterEach((to) => {
  document.title = `${(to.meta.title as string) ?? ''} · 监管职责工作台`
})
