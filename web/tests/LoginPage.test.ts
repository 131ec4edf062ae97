import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'
import LoginPage from '../src/views/LoginPage.vue'
import { session, signedOut } from '../src/lib/session'

function setup() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', component: LoginPage },
      { path: '/resolve', component: { template: '<p>查职责</p>' } },
    ],
  })
  return { router }
}

afterEach(() => {
  vi.unstubAllGlobals()
  signedOut()
})

describe('LoginPage', () => {
  it('shows the server message when the password is wrong, and keeps the user signed out', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ error: { code: 'unauthorized', message: '用户名或密码不正确。' } }), { status: 401 }))
    vi.stubGlobal('fetch', fetch)
    const { router } = setup()
    router.push('/login')
    await router.isReady()
    const page = mount(LoginPage, { global: { plugins: [ElementPlus, router] } })
    await page.find('input[autocomplete="username"]').setValue('wang')
    await page.find('input[type="password"]').setValue('wrong')
    await page.find('form').trigger('submit')
    await flushPromises()
    expect(fetch).toHaveBeenCalledWith('/api/v1/session', expect.objectContaining({ method: 'POST' }))
    expect(page.text()).toContain('用户名或密码不正确。')
    expect(session.current).toBeNull()
  })

  it('asks for both fields before calling the server', async () => {
    const fetch = vi.fn()
    vi.stubGlobal('fetch', fetch)
    const { router } = setup()
    const page = mount(LoginPage, { global: { plugins: [ElementPlus, router] } })
    await page.find('form').trigger('submit')
    await flushPromises()
    expect(fetch).not.toHaveBeenCalled()
    expect(page.text()).toContain('请输入用户名和密码。')
  })

  it('keeps the session and goes on to 查职责 when the server accepts', async () => {
    const user = { id: 'wang', name: '王', role: 'office', token_id: 'ses_1', department_id: null, department_name: null }
    const expires = new Date(Date.now() + 3600_000).toISOString()
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ token: 'gss_x', expires_at: expires, user }), { status: 201 })))
    const { router } = setup()
    router.push('/login')
    await router.isReady()
    const page = mount(LoginPage, { global: { plugins: [ElementPlus, router] } })
    await page.find('input[autocomplete="username"]').setValue('wang')
    await page.find('input[type="password"]').setValue('right-password')
    await page.find('form').trigger('submit')
    await flushPromises()
    expect(session.current?.token).toBe('gss_x')
    expect(router.currentRoute.value.path).toBe('/resolve')
  })
})
