"""The words synthetic subjects are made of: industry profiles, trade names, people, roads, and USCC codes."""

from __future__ import annotations

import random
from dataclasses import dataclass

from stdnum.cn import uscc

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, Z, S, V
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)  # GB 11714 organisation code

# 登记管理部门代码 + 机构类别代码 (GB 32100 table 1) for the subject kinds we generate.
REGISTRATION = {"企业": "91", "个体工商户": "92", "农民专业合作社": "93", "事业单位": "12", "社会组织": "52"}


def org_code(body: str) -> str:
    """An 8-character body with its GB 11714 check character."""
    total = sum(w * (int(c) if c.isdigit() else ord(c) - 55) for w, c in zip(ORG_WEIGHTS, body, strict=True))
    check = 11 - total % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def make_uscc(kind: str, region_code: str, body: str) -> str:
    """登记管理部门 + 机构类别 + 6-digit region + organisation code + GB 32100 check character."""
    first17 = REGISTRATION[kind] + region_code[:6] + org_code(body)
    return first17 + uscc.calc_check_digit(first17)


def org_body(rng: random.Random) -> str:
    # Codes issued since the 2015 reform start with MA (市场主体) followed by six free characters.
    return "MA" + "".join(rng.choices(USCC_ALPHABET, k=6))


@dataclass(frozen=True)
class Profile:
    """How subjects of one line of business are named, coded, licensed and complained about."""

    keys: tuple[str, ...]  # words in a subject type's or domain's name that select this profile
    industry_code: str  # GB/T 4754-2017
    shops: tuple[str, ...]  # 个体工商户 trades
    firms: tuple[str, ...]  # 企业 name endings
    problems: tuple[str, ...]  # what clues report
    leads: tuple[str, ...]  # department keys that usually lead, when the reference names nobody
    helpers: tuple[str, ...]  # department keys that usually cooperate
    licence: str = ""  # the licence such subjects hold, if any
    licence_prefix: str = "XK"
    public: tuple[str, ...] = ()  # 事业单位 names, where the trade has public bodies
    specialty: str = ""


PROFILES = (
    Profile(
        ("餐饮", "食品", "小作坊", "食用", "粮"),
        "H6210",
        ("家常菜馆", "面馆", "小吃店", "烧烤店", "火锅店", "快餐店", "饺子馆", "凉皮店", "早餐店", "食品店"),
        ("餐饮管理有限公司", "食品有限公司", "餐饮有限公司", "食品科技有限公司"),
        ("销售过期食品", "后厨卫生脏乱", "使用过期原料", "无证经营食品", "餐具未消毒", "饭菜中吃出异物"),
        ("scjgj",),
        ("wjw", "cgj"),
        "食品经营许可证",
        "JY",
        specialty="食品安全",
    ),
    Profile(
        ("药", "医疗器械", "化妆品"),
        "F5251",
        ("大药房", "药店", "医药商店"),
        ("医药有限公司", "大药房连锁有限公司", "医疗器械有限公司"),
        ("无处方销售处方药", "销售过期药品", "执业药师不在岗", "夸大保健功效"),
        ("yjj", "scjgj"),
        ("wjw", "ybj"),
        "药品经营许可证",
        "YP",
        specialty="药品",
    ),
    Profile(
        ("燃气", "液化气", "天然气"),
        "D4511",
        ("液化气供应站", "燃气灶具店"),
        ("燃气有限公司", "能源有限公司", "液化气有限公司"),
        ("液化气钢瓶违规存放", "燃气泄漏隐患", "无证充装", "钢瓶超期未检"),
        ("zjj", "cgj"),
        ("yjglj", "scjgj", "xfjy"),
        "燃气经营许可证",
        "RQ",
        specialty="燃气安全",
    ),
    Profile(
        ("危险化学品", "危化", "化工", "烟花", "易制毒"),
        "C2614",
        ("化工经营部",),
        ("化工有限公司", "化学品有限公司", "新材料科技有限公司"),
        ("违规储存危险化学品", "无证经营危险化学品", "安全距离不足"),
        ("yjglj",),
        ("gaj", "sthj", "xfjy"),
        "危险化学品经营许可证",
        "WH",
        specialty="危险化学品",
    ),
    Profile(
        ("特种设备", "电梯", "锅炉", "压力容器", "起重", "气瓶"),
        "C3435",
        ("机电维修部",),
        ("电梯工程有限公司", "机电设备有限公司", "锅炉安装有限公司"),
        ("电梯困人", "电梯未按期检验", "锅炉无证操作", "起重机械带病运行"),
        ("scjgj",),
        ("zjj", "yjglj"),
        "特种设备使用登记证",
        "TS",
        specialty="特种设备",
    ),
    Profile(
        ("建筑", "建设", "工程", "房屋", "物业", "房地产"),
        "E4710",
        ("装饰工作室",),
        ("建设工程有限公司", "建筑工程有限公司", "装饰工程有限公司", "物业管理有限公司"),
        ("夜间违规施工", "施工现场扬尘", "违法转包分包", "高空作业无防护", "拖欠农民工工资"),
        ("zjj",),
        ("rsj", "cgj", "sthj", "yjglj"),
        "建筑工程施工许可证",
        "JZ",
        specialty="建设工程",
    ),
    Profile(
        ("医院", "诊所", "医疗机构", "卫生", "医疗"),
        "Q8425",
        ("诊所", "口腔诊所", "中医诊所"),
        ("医院有限公司", "门诊部有限公司"),
        ("非医师行医", "超范围执业", "医疗废物处置不规范"),
        ("wjw",),
        ("ybj", "yjj", "sthj"),
        "医疗机构执业许可证",
        "YL",
        public=("人民医院", "中医医院", "社区卫生服务中心", "妇幼保健院"),
        specialty="医疗卫生",
    ),
    Profile(
        ("学校", "培训", "教育", "幼儿园", "托育"),
        "P8399",
        ("培训中心", "艺术培训部"),
        ("教育科技有限公司", "培训学校有限公司"),
        ("预收费退费难", "无证办学", "超范围培训"),
        ("jyj",),
        ("scjgj", "xfjy", "rsj"),
        "民办学校办学许可证",
        "JX",
        public=("第一中学", "实验小学", "中心幼儿园", "职业技术学校"),
        specialty="教育培训",
    ),
    Profile(
        ("预付", "美容", "美发", "健身", "洗浴", "单用途"),
        "O8051",
        ("美容美发店", "理发店", "美甲店", "健身工作室"),
        ("健身管理有限公司", "美容有限公司", "文化体育发展有限公司"),
        ("预付卡退费难", "商家闭店跑路", "诱导办卡"),
        ("swj", "scjgj"),
        ("wjw", "cgj"),
        "公共场所卫生许可证",
        "GW",
        specialty="预付式消费",
    ),
    Profile(
        ("集资", "金融", "投资", "理财", "融资", "典当", "小额贷款"),
        "L7212",
        ("理财咨询部",),
        ("投资管理有限公司", "资产管理有限公司", "财富管理有限公司"),
        ("涉嫌非法集资宣传", "承诺高额回报", "违规吸收公众存款"),
        ("jrb",),
        ("scjgj", "gaj"),
        specialty="防范非法集资",
    ),
    Profile(
        ("工资", "劳动", "用工", "人力", "劳务"),
        "L7263",
        ("劳务介绍所",),
        ("劳务派遣有限公司", "人力资源有限公司"),
        ("拖欠工资", "未签劳动合同", "违法延长工时"),
        ("rsj",),
        ("zjj", "gaj"),
        "劳务派遣经营许可证",
        "LW",
        specialty="劳动保障",
    ),
    Profile(
        ("消防", "公共场所", "娱乐", "文化", "旅游", "网吧"),
        "R9011",
        ("KTV", "网吧", "棋牌室"),
        ("文化娱乐有限公司", "旅游发展有限公司"),
        ("消防通道堵塞", "消防设施损坏", "超员经营"),
        ("wlj", "xfjy"),
        ("gaj", "scjgj"),
        "娱乐经营许可证",
        "YW",
        specialty="消防安全",
    ),
    Profile(
        ("农", "种植", "养殖", "兽", "农药", "种子", "畜"),
        "A0141",
        ("农资经营部", "兽药店"),
        ("农业科技有限公司", "农资有限公司", "生态农业有限公司"),
        ("销售假劣农药", "违规使用兽药", "病死畜禽未无害化处理"),
        ("nyj",),
        ("scjgj", "sthj"),
        "农药经营许可证",
        "NY",
        specialty="农业执法",
    ),
    Profile(
        ("环境", "排污", "生态", "废物"),
        "N7723",
        ("废品回收站",),
        ("环保科技有限公司", "再生资源有限公司"),
        ("夜间偷排污水", "废气扰民", "危险废物随意堆放"),
        ("sthj",),
        ("cgj", "scjgj"),
        "排污许可证",
        "PW",
        specialty="生态环境",
    ),
    Profile(
        ("交通", "运输", "物流", "客运", "货运"),
        "G5430",
        ("货运部", "搬家服务部"),
        ("物流有限公司", "运输有限公司", "客运有限公司"),
        ("超载运输", "非法营运", "驾驶员疲劳驾驶"),
        ("jtj",),
        ("gaj", "yjglj"),
        "道路运输经营许可证",
        "YS",
        specialty="交通运输",
    ),
    Profile(
        ("养老", "护理"),
        "Q8514",
        ("托老所",),
        ("养老服务有限公司", "健康管理有限公司"),
        ("护理服务不到位", "消防设施不达标", "违规收取大额预付费"),
        ("mzj",),
        ("wjw", "xfjy", "scjgj"),
        public=("社会福利院", "敬老院", "养老服务中心"),
        specialty="养老服务",
    ),
    Profile(
        ("安全生产", "生产经营单位"),
        "C3311",
        ("五金加工厂",),
        ("机械制造有限公司", "金属制品有限公司", "塑料制品有限公司"),
        ("安全生产隐患", "有限空间作业无防护", "工人未经培训上岗"),
        ("yjglj",),
        ("xfjy", "scjgj"),
        specialty="安全生产",
    ),
    Profile(
        ("价格", "广告", "产品质量", "商品", "零售", "超市", "电商", "网络", "计量", "标准"),
        "F5212",
        ("便利店", "超市", "百货商店", "五金店"),
        ("商贸有限公司", "电子商务有限公司", "超市有限公司"),
        ("价格欺诈", "虚假广告", "销售假冒伪劣商品", "缺斤短两"),
        ("scjgj",),
        ("swj",),
        specialty="市场秩序",
    ),
)
DEFAULT_PROFILE = Profile(
    (),
    "F5299",
    ("商店", "经营部", "商行"),
    ("商贸有限公司", "贸易有限公司", "科技有限公司"),
    ("经营行为不规范", "虚假宣传", "无照经营"),
    ("scjgj",),
    ("yjglj", "xfjy"),
    specialty="综合执法",
)


def profile_for(*names: str) -> Profile:
    """The first profile whose key words occur in one of the names (a subject type's, its domain's)."""
    for profile in PROFILES:
        if any(key in name for name in names for key in profile.keys):
            return profile
    return DEFAULT_PROFILE


TRADE_CHARS = "鑫华恒福金瑞宏万顺嘉永新和兴博众天汇聚隆泰盛祥安康佳德利源达丰昌荣景凯信诚益通"
OWNERS = ("老王", "张记", "李家", "刘姐", "陈记", "小杨", "赵家", "老周", "吴记", "孙家", "马记", "胡姐")
CROPS = ("蔬菜种植", "果品种植", "生猪养殖", "肉牛养殖", "食用菌种植", "粮食种植", "奶牛养殖", "中药材种植")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华平刚桂兰霞建国志红玉亮斌鹏辉琳晨宇浩然欣怡思雨子涵"
ROADS = (
    "人民路",
    "建设路",
    "解放路",
    "中山路",
    "文化路",
    "长安路",
    "朝阳路",
    "和平路",
    "幸福路",
    "光明路",
    "新华路",
    "东风路",
    "胜利路",
    "团结路",
    "友谊路",
    "青年路",
    "工业路",
    "科技路",
    "创业路",
    "园区路",
    "南大街",
    "北大街",
    "东环路",
    "西环路",
)
CONFLICT_REASONS = (
    "近亲属在该单位任职",
    "曾在该单位任职未满三年",
    "本人或近亲属持有该单位股份",
    "与该单位存在经济往来",
)


def trade_name(rng: random.Random) -> str:
    return "".join(rng.sample(TRADE_CHARS, 2))


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2, 2))))


def short(name: str) -> str:
    """上海市 → 上海, 闵行区 → 闵行, 锡林郭勒盟 → 锡林郭勒; two-character names keep their suffix."""
    for suffix in ("特别行政区", "自治区", "自治州", "地区", "市", "省", "区", "县", "旗", "盟"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def subject_name(rng: random.Random, kind: str, profile: Profile, city: str, county: str) -> str:
    """A plausible registered name: 上海闵行鑫盛燃气有限公司, 西安市雁塔区老王家常菜馆, 原平市丰源蔬菜种植专业合作社."""
    match kind:
        case "个体工商户":
            return f"{city}{county}{rng.choice(OWNERS)}{rng.choice(profile.shops)}"
        case "农民专业合作社":
            return f"{county}{trade_name(rng)}{rng.choice(CROPS)}专业合作社"
        case "事业单位":
            return f"{city}{county}{rng.choice(profile.public)}"
        case _:
            place = short(city) + (short(county) if rng.random() < 0.5 else "")
            return f"{place}{trade_name(rng)}{rng.choice(profile.firms)}"


def street_address(rng: random.Random, places: list[str]) -> str:
    """陕西省西安市雁塔区小寨路街道长安路128号: the region's names from the province down, a road, a number."""
    return "".join(places) + f"{rng.choice(ROADS)}{rng.randint(1, 999)}号"
