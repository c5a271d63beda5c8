using SanLing.Domain.Inspections;
using SanLing.Domain.KeyPopulations;
using SanLing.Domain.Ledgers;

namespace SanLing.Infrastructure.Seed.Demo;

/// <summary>The names and word lists the demo town is drawn from (fictional, in the style of a Zhejiang town).</summary>
internal static class DemoWords
{
    public const string TownName = "青山镇";
    public const string CityName = "临江";
    public const string CountyName = "临江县";

    /// <summary>The web app's demo accounts work in these two subjects (grid worker, liaison); keep them ordinary.</summary>
    public static readonly string[] DemoScopeCodes = ["CUN01", "QY0001"];

    public static readonly string[] Surnames =
        [.. "王李张陈刘杨黄赵吴周徐孙朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜钟陆汪范金石廖方俞楼应邵施章钱顾毛戴傅裘"
            .Select(c => c.ToString())];

    public static readonly string[] MaleNameChars =
        [.. "伟强磊军洋勇杰涛明超刚建国文辉林峰斌波宁海鹏飞龙彬俊浩宇金根荣福兴忠德志新永良宏卫东晨旭阳亮华平".Select(c => c.ToString())];

    public static readonly string[] FemaleNameChars =
        [.. "芳娜敏静丽艳娟秀霞桂英红玲燕萍晓春雪梅琴云婷琳慧欣佳雅倩丹萱莉颖洁".Select(c => c.ToString())];

    public static readonly string[] MobilePrefixes =
        ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "157", "158", "159", "180", "181", "186", "187", "188", "189"];

    public static readonly string[] RegionPrefixes = ["330102", "330106", "330381", "330381", "330381", "330182", "330521"];

    public static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八"];

    public static readonly string[] VillageNames =
        ["上塘村", "下徐村", "东岙村", "桃源村", "杨家村", "朱家坞村", "石门村", "大溪村", "岭下村", "前山村", "后陈村", "新桥村", "溪口村", "金竹村", "白沙村", "横山村", "枫林村"];

    public static readonly string[] CommunityNames =
        ["青山社区", "镇东社区", "镇西社区", "新城社区", "滨江社区", "翠苑社区", "和平社区", "锦绣社区"];

    public static readonly string[] Roads =
        ["青山大道", "人民路", "解放路", "文化路", "新华路", "滨江路", "环镇北路", "环镇南路", "建设路", "学士路", "翠苑路", "和平街"];

    public static readonly string[] IndustrialRoads = ["兴业路", "创业路", "工业大道", "科技路", "振兴路"];

    public static readonly string[] CompanyPrefixes = [CityName, CityName + "市", "浙江"];

    public static readonly string[] TradeNames =
        ["恒达", "新丰", "宏盛", "金鑫", "华泰", "永兴", "众诚", "天成", "鼎峰", "瑞丰", "嘉禾", "利民", "兴旺", "开元", "顺发", "恒信",
         "精工", "富春", "联创", "万隆", "佳美", "诚信", "宏达", "泰和", "康源", "绿源", "明珠", "锦程", "博远", "汇通", "正大", "荣昌"];

    public static readonly string[] Industries =
        ["纺织", "机械", "五金", "塑业", "电子", "食品", "建材", "包装", "服饰", "印染", "木业", "汽配", "物流", "家具", "电器", "竹制品", "茶业", "工艺品", "新材料", "环保科技"];

    public static readonly string[] FactoryProducts = ["五金", "塑料", "纸箱", "服装", "针织", "砖", "竹木加工", "农机修配", "铸件", "标准件"];

    public static readonly string[] ShopKinds =
        ["超市", "便利店", "五金店", "小吃店", "饭店", "理发店", "汽修店", "农资店", "药店", "烟酒店", "水果店", "早餐店", "洗车店", "家电维修部", "农家乐"];

    public static readonly string[] Crops = ["茶叶", "水果", "蔬菜", "葡萄", "草莓", "苗木", "竹笋", "稻米", "蜂业"];

    public static readonly string[] TownUnits =
    [
        TownName + "中心小学", TownName + "第二小学", TownName + "初级中学", TownName + "中心幼儿园", TownName + "卫生院", TownName + "敬老院",
        "青山农贸市场", "青山派出所", TownName + "司法所", TownName + "财政所", "青山供电所", "青山邮政支局", CityName + "农商银行青山支行",
        TownName + "综合文化站", "青山市场监管所", "青山自然资源所", "青山交警中队", "青山消防救援站", TownName + "自来水厂",
        TownName + "污水处理站", "青山汽车客运站", TownName + "成人文化技术学校", TownName + "便民服务中心", TownName + "农业综合服务站",
        TownName + "林业工作站", TownName + "退役军人服务站", TownName + "体育中心",
    ];

    public static readonly string[] VillageUnitTemplates =
        ["{name}文化礼堂", "{name}卫生室", "{name}居家养老服务照料中心", "{name}幼儿园", "{stem}小学", "{name}老年食堂", "临江农商银行{stem}分理处",
         "{name}农家书屋", "{name}邮政便民服务站", "{name}自来水站", "{name}垃圾分类处理站", "{name}老年活动中心"];

    public static readonly string[] CommunityUnitTemplates =
        ["{name}卫生服务站", "{name}日间照料中心", "{name}幼儿园", "{name}文化家园", "{name}老年食堂", "临江农商银行{stem}分理处",
         "{estate}物业服务中心", "{estate}物业服务中心", "{estate}物业服务中心", "{stem}菜市场", "{name}邻里中心"];

    public static readonly string[] EstateStems =
        ["锦绣", "阳光", "翠竹", "金色", "滨江", "和美", "幸福", "紫荆", "香樟", "丽景", "康乐", "春晓", "绿洲", "御景", "东方", "银杏", "桂园", "世纪"];

    public static readonly string[] EstateSuffixes = ["花园", "家园", "苑", "公寓", "小区", "华庭", "名邸"];

    public static readonly string[] LargeUnitEndings = ["学", "学校", "幼儿园", "卫生院", "市场", "厂", "所", "中队", "站", "支行", "局", "敬老院"];

    public static readonly string[] ProductionWorkshops = ["一车间", "二车间", "三车间"];

    public static readonly string[] SupportTeams = ["仓储班组", "包装班组", "机修班组", "质检班组", "后勤站所"];

    public static readonly string[] UnitTeams = ["综合科队", "业务科队", "后勤站所", "安保班组", "食堂班组"];

    public static readonly int[] RectifyDays = [7, 10, 15, 15, 30];

    public static readonly (KeyPersonCategory Category, double Weight)[] CategoryWeights =
    [
        (KeyPersonCategory.ReleasedPrisoner, 30), (KeyPersonCategory.DrugUser, 20), (KeyPersonCategory.MentalDisorderWithRisk, 20),
        (KeyPersonCategory.CommunityCorrection, 15), (KeyPersonCategory.DelinquentYouth, 10), (KeyPersonCategory.CultInvolved, 5),
    ];

    public static readonly Dictionary<KeyPersonCategory, string> AssistancePlans = new()
    {
        [KeyPersonCategory.DrugUser] = "落实社区戒毒（康复）协议，每月尿检一次，网格员、民警、家属三方包联，每季度至少走访一次。",
        [KeyPersonCategory.MentalDisorderWithRisk] = "落实监护责任书和以奖代补政策，督促规律服药，每季度联合卫生院随访评估。",
        [KeyPersonCategory.ReleasedPrisoner] = "建立一人一档，落实安置帮教责任人，协助解决就业和社会保障，每季度走访谈心。",
        [KeyPersonCategory.CommunityCorrection] = "按司法所矫正方案执行，每月报到、每周电话汇报，参加公益活动和集中教育。",
        [KeyPersonCategory.CultInvolved] = "落实教育转化一人一策，包联干部定期谈心，掌握思想动态和交往情况。",
        [KeyPersonCategory.DelinquentYouth] = "联合学校、家庭落实一对一帮扶，开展法治教育和心理辅导，每季度家访一次。",
    };

    public static readonly Dictionary<KeyPersonCategory, string[]> FollowUpNotes = new()
    {
        [KeyPersonCategory.DrugUser] = ["上门走访，尿检结果阴性，情绪稳定", "了解近期就业情况，已在本地企业务工", "与家属沟通，家庭监督落实到位"],
        [KeyPersonCategory.MentalDisorderWithRisk] = ["督促按时服药，监护人在家照看", "随卫生院医生随访，病情稳定", "发放以奖代补资金，监护人签字确认"],
        [KeyPersonCategory.ReleasedPrisoner] = ["走访谈心，思想稳定，无异常交往", "协助联系就业岗位", "了解生活困难，协助申请临时救助"],
        [KeyPersonCategory.CommunityCorrection] = ["按时报到，参加集中教育学习", "核查活动轨迹，未发现违规离开", "参加社区公益劳动8小时"],
        [KeyPersonCategory.CultInvolved] = ["谈心谈话，思想状况稳定", "了解近期交往情况，无异常", "发放反邪教宣传资料并讲解"],
        [KeyPersonCategory.DelinquentYouth] = ["与班主任沟通在校表现，有进步", "家访了解家庭教育情况", "组织参加法治教育讲座"],
    };

    public static readonly (DisputeCategory Category, double Weight)[] VillageDisputeWeights =
        [(DisputeCategory.Neighbour, 35), (DisputeCategory.Family, 25), (DisputeCategory.Land, 30), (DisputeCategory.Wages, 4), (DisputeCategory.Other, 6)];

    public static readonly (DisputeCategory Category, double Weight)[] CommunityDisputeWeights =
        [(DisputeCategory.Neighbour, 35), (DisputeCategory.Family, 25), (DisputeCategory.Property, 30), (DisputeCategory.Other, 10)];

    public static readonly (DisputeCategory Category, double Weight)[] EntityDisputeWeights =
        [(DisputeCategory.Wages, 70), (DisputeCategory.Other, 30)];

    public static readonly Dictionary<DisputeCategory, string[]> DisputeDescriptions = new()
    {
        [DisputeCategory.Neighbour] = ["相邻房屋滴水排水纠纷", "堆放杂物占用通道引发口角", "装修噪音扰邻纠纷", "养狗扰民引发邻里矛盾", "相邻通道通行纠纷"],
        [DisputeCategory.Family] = ["夫妻感情不和闹离婚", "子女赡养老人费用分担纠纷", "兄弟间遗产继承纠纷", "婚约彩礼返还纠纷"],
        [DisputeCategory.Land] = ["宅基地边界纠纷", "承包地流转租金纠纷", "山林权属界址争议", "征地补偿款分配纠纷"],
        [DisputeCategory.Wages] = ["员工讨要拖欠工资", "工伤赔偿协商未果", "解除劳动合同经济补偿纠纷", "包工头拖欠农民工工资"],
        [DisputeCategory.Property] = ["业主与物业公司物业费纠纷", "小区停车位使用纠纷", "电梯维修资金使用争议", "楼上渗水致楼下受损纠纷"],
        [DisputeCategory.Other] = ["消费购物退货纠纷", "民间借贷纠纷", "交通事故赔偿纠纷"],
    };

    public static readonly (HazardCategory Category, double Weight)[] TerritoryHazardWeights =
    [
        (HazardCategory.Fire, 35), (HazardCategory.RoadTraffic, 20), (HazardCategory.Environment, 15), (HazardCategory.Other, 15),
        (HazardCategory.HazardousChemicals, 8), (HazardCategory.FoodDrug, 7),
    ];

    public static readonly (HazardCategory Category, double Weight)[] EnterpriseHazardWeights =
    [
        (HazardCategory.Fire, 35), (HazardCategory.WorkSafety, 30), (HazardCategory.HazardousChemicals, 12), (HazardCategory.FoodDrug, 10),
        (HazardCategory.RoadTraffic, 5), (HazardCategory.Environment, 5), (HazardCategory.Other, 3),
    ];

    public static readonly (HazardCategory Category, double Weight)[] UnitHazardWeights =
    [
        (HazardCategory.Fire, 45), (HazardCategory.FoodDrug, 20), (HazardCategory.RoadTraffic, 15), (HazardCategory.HazardousChemicals, 5),
        (HazardCategory.Other, 15),
    ];

    public static readonly Dictionary<HazardCategory, string[]> HazardDescriptions = new()
    {
        [HazardCategory.Fire] = ["电动车楼道充电", "灭火器过期", "消防通道被杂物堵塞", "私拉乱接电线", "疏散指示标志损坏", "出租房未配备烟感报警器", "厨房油烟管道未清洗"],
        [HazardCategory.RoadTraffic] = ["村道急弯处缺少警示标志", "路口视线被绿化遮挡", "校门口缺少减速带", "路灯损坏夜间照明不足"],
        [HazardCategory.HazardousChemicals] = ["液化气钢瓶存放不规范", "油漆稀释剂未专库存放", "危化品台账登记不全"],
        [HazardCategory.WorkSafety] = ["冲床防护装置缺失", "特种作业人员无证上岗", "车间安全出口上锁", "叉车未定期检验"],
        [HazardCategory.FoodDrug] = ["食堂从业人员健康证过期", "食品留样记录不全", "过期食品未及时下架"],
        [HazardCategory.Environment] = ["河道岸边垃圾堆积", "露天焚烧秸秆", "污水直排雨水管网"],
        [HazardCategory.Other] = ["危旧房屋墙体开裂", "山塘水库防护栏缺失", "广告牌松动存在坠落风险"],
    };

    public static readonly (ResolutionMethod Method, double Weight)[] ResolutionWeights =
    [
        (ResolutionMethod.Mediation, 85), (ResolutionMethod.Arbitration, 4), (ResolutionMethod.AdministrativeRuling, 3),
        (ResolutionMethod.Litigation, 5), (ResolutionMethod.Other, 3),
    ];

    public static readonly string[] TerritoryPetitionMatters =
    [
        "反映征地拆迁补偿标准偏低", "宅基地审批进度缓慢", "反映村务财务公开不及时", "对低保户评定结果有异议", "反映养殖场异味影响生活",
        "农村道路硬化项目迟迟未落实", "反映违章建筑长期未处理", "老旧小区加装电梯意见分歧", "物业服务质量差，要求更换物业", "反映企业噪声扰民",
    ];

    public static readonly string[] EnterprisePetitionMatters =
    [
        "员工反映企业拖欠工资", "反映未依法缴纳社会保险", "工伤认定与赔偿诉求", "周边居民反映企业废气异味", "反映企业裁员补偿不到位",
        "消费者反映预付卡退费难",
    ];

    public static readonly string[] UnitPetitionMatters =
    [
        "家长反映学校收费问题", "患者家属反映医疗纠纷", "商户反映市场摊位费上涨", "反映窗口办事效率低", "老人家属反映养老服务质量问题",
        "反映编外人员待遇偏低",
    ];

    public static readonly (AccidentCategory Category, double Weight)[] TerritoryAccidentWeights =
    [
        (AccidentCategory.RoadTraffic, 40), (AccidentCategory.Fire, 30), (AccidentCategory.Environment, 10),
        (AccidentCategory.FoodDrug, 5), (AccidentCategory.Other, 15),
    ];

    public static readonly (AccidentCategory Category, double Weight)[] EnterpriseAccidentWeights =
    [
        (AccidentCategory.WorkSafety, 45), (AccidentCategory.Fire, 25), (AccidentCategory.RoadTraffic, 12),
        (AccidentCategory.FoodDrug, 10), (AccidentCategory.Environment, 5), (AccidentCategory.Other, 3),
    ];

    public static readonly (AccidentCategory Category, double Weight)[] UnitAccidentWeights =
    [
        (AccidentCategory.Fire, 30), (AccidentCategory.RoadTraffic, 30), (AccidentCategory.FoodDrug, 25), (AccidentCategory.Other, 15),
    ];

    public static readonly Dictionary<AccidentCategory, string[]> AccidentSummaries = new()
    {
        [AccidentCategory.RoadTraffic] = ["电动自行车与小型轿车碰撞", "货车倒车刮擦行人", "村道摩托车侧翻"],
        [AccidentCategory.Fire] = ["民房厨房油锅起火", "仓库电气线路短路引发火灾", "电动车充电时起火"],
        [AccidentCategory.FoodDrug] = ["食堂聚餐后多人腹泻", "误食野生毒蘑菇中毒"],
        [AccidentCategory.WorkSafety] = ["工人操作冲床时手指受伤", "高处作业坠落", "叉车碰撞致人受伤"],
        [AccidentCategory.Environment] = ["化粪池外溢污染河道", "企业废水泄漏进入沟渠"],
        [AccidentCategory.Other] = ["山体小面积滑坡冲毁围墙", "广告牌被大风吹落砸坏车辆"],
    };

    public static readonly Dictionary<CaseKind, string[]> CaseFacts = new()
    {
        [CaseKind.Criminal] = ["盗窃电动车一辆", "入室盗窃现金财物", "以推销保健品为名诈骗老年人", "故意伤害致人轻伤", "电信网络诈骗"],
        [CaseKind.PublicSecurity] = ["酒后寻衅滋事", "邻里纠纷引发互殴", "聚众赌博被查处", "偷摘他人农作物", "醉酒闹事扰乱公共秩序"],
    };

    public static readonly Dictionary<string, string> FailNotes = new(StringComparer.Ordinal)
    {
        ["1.1"] = "党组织会议记录不全，综治工作未列入议事日程",
        ["1.3"] = "综治中心值班记录缺失，人民调解委员会未按期调整",
        ["2.1"] = "专职保安人员不足，安防设施配备不齐",
        ["2.2"] = "巡逻记录不连续，出入登记制度未落实",
        ["2.3"] = "视频监控点位损坏未及时修复",
        ["3.2"] = "重大矛盾纠纷未按规定及时上报",
        ["5.2"] = "重点物品出入库台账不全",
        ["5.4"] = "应急预案未按要求组织演练",
        ["6.1"] = "普法宣传活动台账缺失",
        ["6.2"] = "法律顾问未按期驻点服务",
        ["6.3"] = "未开展基层法治示范创建",
        ["7.1"] = "车间班组未落实网格化管理责任",
        ["7.2"] = "公共服务事项未按承诺时限办结",
        ["7.3"] = "社会组织参与社区治理不足",
    };
}
