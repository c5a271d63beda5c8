using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Inspections;
using SanLing.Domain.KeyPopulations;
using SanLing.Domain.Ledgers;
using SanLing.Domain.Standards;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Data;
using static SanLing.Web.Tests.Imports.Xlsx;

namespace SanLing.Web.Tests.Imports;

/// <summary>
/// Every template: a good workbook imports with the right counts, the same workbook again updates instead of
/// duplicating, and a workbook with bad rows writes nothing and names each bad row (sheet, row, column).
/// </summary>
public sealed class TemplateImportTests(SmallTownFixture town) : IClassFixture<SmallTownFixture>
{
    private static readonly DateOnly D = new(2026, 3, 10);

    internal static readonly string[] SubjectHeaders = ["编码", "名称", "类型", "所属村社区编码", "第一责任人", "直接责任人", "联系电话", "地址", "设立日期", "撤销日期"];
    internal static readonly string[] PetitionHeaders = ["编号", "单位编码", "登记日期", "类型", "人数", "事由", "包案领导", "状态", "化解日期", "有影响", "重大"];
    internal static readonly string[] PersonHeaders = ["编号", "姓名", "身份证号", "类别", "单位编码", "列管日期", "解除日期", "帮教方案", "帮教责任人"];

    /// <summary>A valid ID number with the given 17-digit stem; <paramref name="endingInX"/> searches for a check digit X.</summary>
    internal static string IdNumber(string stem15, bool endingInX = false)
    {
        for (var seq = 0; seq < 100; seq++)
        {
            var first17 = stem15 + seq.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            var check = ChineseIdNumber.CheckDigit(first17);
            if (!endingInX || check == 'X')
            {
                return first17 + check;
            }
        }
        throw new InvalidOperationException();
    }

    /// <summary>The registry every other template refers to (importing it again only updates).</summary>
    private async Task BaseAsync()
    {
        ImportAssert.Succeeded(await town.ImportAsync("subjects", Book(Sheet("单位", SubjectHeaders,
            ["QY-A", "青山机械厂", "企业", "CUN-A", "王一", "李二", "0571-88886666", "工业区1号", null, null],
            ["CUN-A", "东村", "村", null, "张三", "李四", null, null, null, null],
            ["SQ-A", "南社区", "社区", null, "赵五", "钱六", null, null, null, null]))));
        ImportAssert.Succeeded(await town.ImportAsync("grids", Book(Sheet("网格", ["网格编码", "网格名称", "所属单位编码", "网格员"],
            ["CUN-A-G1", "第一网格", "CUN-A", "孙七"],
            ["CUN-A-G2", "第二网格", "CUN-A", null]))));
        ImportAssert.Succeeded(await town.ImportAsync("key-persons", Book(Sheet("人员", PersonHeaders,
            ["ZD-A", "周八", IdNumber("110105194912310"), "刑满释放人员", "CUN-A", new DateOnly(2024, 1, 5), null, "有", "吴九"]))));
    }

    private Task<int> CountAsync<T>() where T : class => town.Factory.WithDbAsync(db => db.Set<T>().CountAsync());

    [Fact]
    public async Task Subjects_import_in_any_row_order_then_update_and_bad_rows_write_nothing()
    {
        await BaseAsync();
        // The enterprise comes before its village; columns in another order with an extra column.
        string[] headers = ["名称", "编码", "备注", "类型", "所属村社区编码", "第一责任人", "直接责任人", "联系电话", "地址", "设立日期", "撤销日期"];
        XLWorkbook Good() => Book(Sheet("单位", headers,
            ["西村砖厂", "T1-QY", "随便写", "企业", "T1-CUN", "甲", "乙", "13800000000", "西村", D, null],
            ["西村", "T1-CUN", null, "村", null, "丙", "丁", null, null, null, null]));
        ImportAssert.Counts(await town.ImportAsync("subjects", Good()), ("单位", 2, 0));
        ImportAssert.Counts(await town.ImportAsync("subjects", Good()), ("单位", 0, 2));
        var factory = await town.Factory.WithDbAsync(db => db.Subjects.Include(s => s.Territory).SingleAsync(s => s.Code == "T1-QY"));
        Assert.Equal("T1-CUN", factory.Territory!.Code);
        Assert.Equal(D, factory.EstablishedOn);

        var before = await CountAsync<Subject>();
        var result = await town.ImportAsync("subjects", Book(Sheet("单位", SubjectHeaders,
            ["T1-OK", "好单位", "企业", "CUN-A", null, null, null, null, null, null],
            ["T1-X", "坏类型", "工厂", null, null, null, null, null, null, null],
            ["T1-Y", "无属地", "企业", null, null, null, null, null, null, null],
            ["T1-Z", "属地是企业", "单位", "QY-A", null, null, null, null, null, null],
            ["T1-OK", "重复", "村", null, null, null, null, null, null, null],
            ["T1-W", "撤销早于设立", "村", null, null, null, null, null, D, D.AddDays(-1)])));
        Assert.False(result.Succeeded);
        Assert.Equal(
            [("单位", 3, "类型"), ("单位", 4, "所属村社区编码"), ("单位", 5, "所属村社区编码"), ("单位", 6, "编码"), ("单位", 7, "撤销日期")],
            result.Errors.Select(e => (e.Sheet, e.Row, e.Column)));
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
        Assert.Equal(before, await CountAsync<Subject>());

        // A village that still holds an enterprise cannot become an enterprise itself.
        result = await town.ImportAsync("subjects", Book(Sheet("单位", SubjectHeaders,
            ["CUN-A", "东村", "企业", "SQ-A", null, null, null, null, null, null])));
        Assert.Equal([("单位", 2, "类型")], result.Errors.Select(e => (e.Sheet, e.Row, e.Column)));
        Assert.Contains("QY-A", result.Errors[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grids_import_update_and_refuse_unknown_owners()
    {
        await BaseAsync();
        XLWorkbook Good() => Book(Sheet("网格", ["网格编码", "网格名称", "所属单位编码", "网格员"],
            ["T2-G1", "第三网格", "CUN-A", "网格员甲"],
            ["T2-G2", "第一网格", "SQ-A", null]));
        ImportAssert.Counts(await town.ImportAsync("grids", Good()), ("网格", 2, 0));
        ImportAssert.Counts(await town.ImportAsync("grids", Good()), ("网格", 0, 2));

        var before = await CountAsync<Grid>();
        var result = await town.ImportAsync("grids", Book(Sheet("网格", ["网格编码", "网格名称", "所属单位编码", "网格员"],
            ["T2-G3", "好", "CUN-A", null],
            ["T2-G4", "坏", "NOPE", null],
            ["T2-G5", null, "CUN-A", null])));
        Assert.Equal([("网格", 3, "所属单位编码"), ("网格", 4, "网格名称")], result.Errors.Select(e => (e.Sheet, e.Row, e.Column)));
        Assert.Equal(before, await CountAsync<Grid>());
    }

    [Fact]
    public async Task Petitions_import_update_and_check_every_rule()
    {
        await BaseAsync();
        XLWorkbook Good(string status = "受理") => Book(Sheet("信访", PetitionHeaders,
            ["T3-P1", "CUN-A", D, "个体访", 1, "宅基地纠纷", "镇长", status, status == "已化解" ? D.AddDays(5) : null, "否", "否"],
            ["T3-P2", "QY-A", "2026-03-11", "集体访", 6, "欠薪", null, "办理中", null, "是", "否"]));
        ImportAssert.Counts(await town.ImportAsync("petitions", Good()), ("信访", 2, 0));
        ImportAssert.Counts(await town.ImportAsync("petitions", Good("已化解")), ("信访", 0, 2));
        var p1 = await town.Factory.WithDbAsync(db => db.Petitions.SingleAsync(p => p.Number == "T3-P1"));
        Assert.Equal((PetitionStatus.Resolved, (DateOnly?)D.AddDays(5)), (p1.Status, p1.ResolvedOn));
        var p2 = await town.Factory.WithDbAsync(db => db.Petitions.SingleAsync(p => p.Number == "T3-P2"));
        Assert.Equal((new DateOnly(2026, 3, 11), 6, true), (p2.OccurredOn, p2.PetitionerCount, p2.IsImpactful));

        var before = await CountAsync<Petition>();
        var result = await town.ImportAsync("petitions", Book(Sheet("信访", PetitionHeaders,
            ["T3-P3", "CUN-A", D, "个体访", 1, null, null, "受理", null, "否", "否"],
            ["T3-P4", "CUN-A", D, "个体访", 1, null, null, "受理", D, "否", "否"],
            ["T3-P5", "CUN-A", D, "集体访", 2, null, null, "受理", null, "否", "否"],
            ["T3-P6", "NOPE", D, "个体访", 1, null, null, "受理", null, "否", "否"],
            ["T3-P7", "CUN-A", "2026/13/40", "个体访", 1, null, null, "受理", null, "否", "否"],
            ["T3-P8", "CUN-A", D, "个体访", 1, null, null, "已化解", null, "否", "否"],
            ["T3-P9", "CUN-A", D, "个体访", 1, null, null, "受理", null, "也许", "否"],
            ["T3-P3", "CUN-A", D, "个体访", 3, null, null, "受理", null, "否", "否"],
            ["T3-PA", "CUN-A", new DateOnly(2027, 1, 1), "个体访", 1, null, null, "受理", null, "否", "否"])));
        Assert.Equal(
            [("信访", 3, "化解日期"), ("信访", 4, "人数"), ("信访", 5, "单位编码"), ("信访", 6, "登记日期"), ("信访", 7, "化解日期"),
             ("信访", 8, "有影响"), ("信访", 9, "编号"), ("信访", 10, "登记日期")],
            result.Errors.Select(e => (e.Sheet, e.Row, e.Column)));
        Assert.Equal(before, await CountAsync<Petition>());
    }

    [Fact]
    public async Task Accidents_import_update_and_refuse_bad_numbers()
    {
        await BaseAsync();
        string[] headers = ["编号", "单位编码", "发生日期", "类别", "死亡人数", "受伤人数", "直接经济损失(万元)", "简要情况", "有影响", "重大"];
        XLWorkbook Good() => Book(Sheet("事故", headers,
            ["T4-A1", "QY-A", D, "生产安全", 0, 2, 3.5m, "机械伤人", "否", "否"],
            ["T4-A2", "CUN-A", D, "道路交通", 1, 0, "12.25", null, "是", "是"]));
        ImportAssert.Counts(await town.ImportAsync("accidents", Good()), ("事故", 2, 0));
        ImportAssert.Counts(await town.ImportAsync("accidents", Good()), ("事故", 0, 2));
        var a2 = await town.Factory.WithDbAsync(db => db.Accidents.SingleAsync(a => a.Number == "T4-A2"));
        Assert.Equal((AccidentCategory.RoadTraffic, 1, 12.25m, true), (a2.Category, a2.Deaths, a2.LossTenThousandYuan, a2.IsMajor));

        var before = await CountAsync<Accident>();
        var result = await town.ImportAsync("accidents", Book(Sheet("事故", headers,
            ["T4-A3", "QY-A", D, "天灾", 0, 0, 0, null, "否", "否"],
            ["T4-A4", "QY-A", D, "消防", -1, 0, 0, null, "否", "否"],
            ["T4-A5", "QY-A", D, "消防", 0, 1.5, "很多", null, "否", "否"])));
        Assert.Equal([("事故", 2, "类别"), ("事故", 3, "死亡人数"), ("事故", 4, "受伤人数"), ("事故", 4, "直接经济损失(万元)")],
            result.Errors.Select(e => (e.Sheet, e.Row, e.Column)));
        Assert.Equal(before, await CountAsync<Accident>());
    }

    [Fact]
    public async Task Cases_import_link_key_persons_and_keep_a_number_not_yet_registered()
    {
        await BaseAsync();
        string[] headers = ["编号", "单位编码", "发案日期", "性质", "简要案情", "涉事重点人员编号", "有影响", "重大"];
        XLWorkbook Good() => Book(Sheet("案件", headers,
            ["T5-C1", "CUN-A", D, "刑事", "盗窃", "ZD-A", "否", "否"],
            ["T5-C2", "SQ-A", D, "治安", "斗殴", null, "否", "否"]));
        ImportAssert.Counts(await town.ImportAsync("cases", Good()), ("案件", 2, 0));
        ImportAssert.Counts(await town.ImportAsync("cases", Good()), ("案件", 0, 2));
        var c1 = await town.Factory.WithDbAsync(db => db.Cases.Include(c => c.OffenderKeyPerson).SingleAsync(c => c.Number == "T5-C1"));
        Assert.Equal("ZD-A", c1.OffenderKeyPerson!.Number);

        // A bad row still refuses the whole file.
        var before = await CountAsync<SecurityCase>();
        var result = await town.ImportAsync("cases", Book(Sheet("案件", headers,
            ["T5-C3", "CUN-A", D, "刑事", null, "ZD-LATER", "否", "否"],
            ["T5-C4", "CUN-A", D, "民事", null, null, "否", "否"])));
        Assert.Equal([("案件", 3, "性质")], result.Errors.Select(e => (e.Sheet, e.Row, e.Column)));
        Assert.Equal(before, await CountAsync<SecurityCase>());

        // A key person not registered yet: the case keeps the number, unlinked, and shows it in the ledger's export.
        ImportAssert.Counts(await town.ImportAsync("cases", Book(Sheet("案件", headers,
            ["T5-C3", "CUN-A", D, "刑事", null, "ZD-LATER", "否", "否"]))), ("案件", 1, 0));
        var c3 = await town.Factory.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Number == "T5-C3"));
        Assert.Equal("ZD-LATER", c3.OffenderNumber);
        Assert.Null(c3.OffenderKeyPersonId);
    }

    private static readonly string[] InspectionHeaders = ["单位编码", "网格编码", "年月", "排查日期", "排查人"];
    private static readonly string[] FindingHeaders = ["单位编码", "网格编码", "年月", "类型", "类别", "描述", "风险等级", "整改期限", "状态", "办结日期"];

    [Fact]
    public async Task Inspections_import_and_reimport_replaces_their_findings()
    {
        await BaseAsync();
        XLWorkbook Book1(params object?[][] findings) => Book(
            Sheet("排查", InspectionHeaders,
                ["CUN-A", "CUN-A-G1", "2026-02", new DateOnly(2026, 3, 3), "孙七"],
                ["CUN-A", "CUN-A-G2", "2026-02", new DateOnly(2026, 3, 9), "孙七"],
                ["QY-A", null, "2026-02", new DateOnly(2026, 2, 27), "王一"]),
            Sheet("发现", FindingHeaders, findings));
        ImportAssert.Counts(await town.ImportAsync("inspections", Book1(
                ["CUN-A", "CUN-A-G1", "2026-02", "矛盾纠纷", "邻里", "宅基地边界", "一般", null, "化解中", null],
                ["QY-A", null, "2026-02", "安全隐患", "消防", "灭火器过期", "较大", new DateOnly(2026, 3, 31), "已整改", new DateOnly(2026, 3, 20)])),
            ("排查", 3, 0), ("发现", 2, 0));
        ImportAssert.Counts(await town.ImportAsync("inspections", Book1(
                ["CUN-A", "CUN-A-G1", "2026-02", "矛盾纠纷", "邻里", "宅基地边界", "一般", null, "已化解", new DateOnly(2026, 3, 15)])),
            ("排查", 0, 3), ("发现", 1, 0));
        var inspections = await town.Factory.WithDbAsync(db => db.Inspections.Include(i => i.Findings).Include(i => i.Grid)
            .Where(i => i.Month == new DateOnly(2026, 2, 1)).ToListAsync());
        Assert.Equal(3, inspections.Count);
        Assert.Equal(1, inspections.Sum(i => i.Findings.Count));
        Assert.Equal(FindingStatus.Resolved, inspections.Single(i => i.Grid?.Code == "CUN-A-G1").Findings.Single().Status);
        Assert.True(inspections.Single(i => i.Grid?.Code == "CUN-A-G2").IsLate);
        Assert.False(inspections.Single(i => i.Grid?.Code == "CUN-A-G1").IsLate);
        Assert.All(inspections, i => Assert.Equal(InspectionStatus.Submitted, i.Status));

        var before = await town.Factory.WithDbAsync(async db => (await db.Inspections.CountAsync(), await db.Findings.CountAsync()));
        var result = await town.ImportAsync("inspections", Book(
            Sheet("排查", InspectionHeaders,
                ["CUN-A", null, "2026-04", new DateOnly(2026, 5, 1), null],
                ["CUN-A", "CUN-A-G1", "2026-04", new DateOnly(2026, 5, 1), null],
                ["SQ-A", "CUN-A-G1", "2026-04", new DateOnly(2026, 5, 1), null],
                ["QY-A", null, "四月", new DateOnly(2026, 5, 1), null]),
            Sheet("发现", FindingHeaders,
                ["CUN-A", "CUN-A-G1", "2026-04", "安全隐患", "消防", "电线老化", "一般", null, "整改中", null],
                ["CUN-A", "CUN-A-G1", "2026-04", "矛盾纠纷", "消防", "吵架", null, null, "已整改", null],
                ["CUN-A", "CUN-A-G2", "2026-04", "矛盾纠纷", "邻里", "无主排查", null, null, "化解中", null])));
        Assert.Equal(
            [("排查", 2, "网格编码"), ("排查", 4, "网格编码"), ("排查", 5, "年月"),
             ("发现", 2, "整改期限"), ("发现", 3, "类别"), ("发现", 3, "状态"), ("发现", 3, "办结日期"), ("发现", 4, "年月")],
            result.Errors.Select(e => (e.Sheet, e.Row, e.Column)));
        Assert.Equal(before, await town.Factory.WithDbAsync(async db => (await db.Inspections.CountAsync(), await db.Findings.CountAsync())));
    }

    [Fact]
    public async Task Key_persons_store_only_protected_ids_update_and_refuse_bad_ids()
    {
        await BaseAsync();
        var id1 = IdNumber("330106198001010");
        var id2 = IdNumber("330106199002020", endingInX: true);
        XLWorkbook Good(string helper) => Book(
            Sheet("人员", PersonHeaders,
                ["T7-K1", "郑十", id1, "吸毒人员", "CUN-A", new DateOnly(2025, 6, 1), null, "有", helper],
                ["T7-K2", "冯十一", id2.ToLowerInvariant(), "社区矫正对象", "SQ-A", new DateOnly(2025, 7, 1), new DateOnly(2026, 1, 1), "无", null]),
            Sheet("帮教记录", ["人员编号", "日期", "帮教人", "情况"],
                ["T7-K1", new DateOnly(2026, 2, 1), "吴九", "走访"],
                ["ZD-A", new DateOnly(2026, 2, 2), "吴九", "电话"]));
        ImportAssert.Counts(await town.ImportAsync("key-persons", Good("吴九")), ("人员", 2, 0), ("帮教记录", 2, 0));
        ImportAssert.Counts(await town.ImportAsync("key-persons", Good("陈十二")), ("人员", 0, 2), ("帮教记录", 0, 2));
        var k2 = await town.Factory.WithDbAsync(db => db.KeyPersons.SingleAsync(k => k.Number == "T7-K2"));
        Assert.Equal(ChineseIdNumber.Mask(id2), k2.IdNumberMasked);
        Assert.DoesNotContain(id2, k2.IdNumberCipher, StringComparison.Ordinal);
        Assert.Equal("陈十二", (await town.Factory.WithDbAsync(db => db.KeyPersons.SingleAsync(k => k.Number == "T7-K1"))).HelperName);

        var before = await town.Factory.WithDbAsync(async db => (await db.KeyPersons.CountAsync(), await db.FollowUps.CountAsync()));
        var result = await town.ImportAsync("key-persons", Book(
            Sheet("人员", PersonHeaders,
                ["T7-K3", "甲", id1[..17] + (id1[17] == '0' ? "1" : "0"), "吸毒人员", "CUN-A", D, null, "有", null],
                ["T7-K4", "乙", 110105194912310000d, "吸毒人员", "CUN-A", D, null, "有", null],
                ["T7-K5", "丙", id1, "吸毒人员", "CUN-A", D, null, "有", null],
                ["T7-K6", "丁", IdNumber("330106199503030"), "赌博人员", "CUN-A", D, null, "也许", null]),
            Sheet("帮教记录", ["人员编号", "日期", "帮教人", "情况"],
                ["T7-NOPE", D, "吴九", null])));
        Assert.Equal(
            [("人员", 2, "身份证号"), ("人员", 3, "身份证号"), ("人员", 4, "身份证号"), ("人员", 5, "类别"), ("人员", 5, "帮教方案"), ("帮教记录", 2, "人员编号")],
            result.Errors.Select(e => (e.Sheet, e.Row, e.Column)));
        Assert.Contains("文本", result.Errors[1].Reason, StringComparison.Ordinal);
        Assert.Equal(before, await town.Factory.WithDbAsync(async db => (await db.KeyPersons.CountAsync(), await db.FollowUps.CountAsync())));
    }

    [Fact]
    public async Task Rental_houses_import_update_and_check_registration()
    {
        await BaseAsync();
        string[] headers = ["编号", "单位编码", "地址", "房东", "承租人数", "是否登记备案", "登记日期"];
        XLWorkbook Good() => Book(Sheet("出租屋", headers,
            ["T8-R1", "CUN-A", "东村1号", "房东甲", 3, "是", D],
            ["T8-R2", "SQ-A", "南路2号", null, 0, "否", null]));
        ImportAssert.Counts(await town.ImportAsync("rental-houses", Good()), ("出租屋", 2, 0));
        ImportAssert.Counts(await town.ImportAsync("rental-houses", Good()), ("出租屋", 0, 2));

        var before = await CountAsync<RentalHouse>();
        var result = await town.ImportAsync("rental-houses", Book(Sheet("出租屋", headers,
            ["T8-R3", "CUN-A", "地址", null, -1, "否", null],
            ["T8-R4", "CUN-A", "地址", null, 1, "是", null],
            ["T8-R5", "CUN-A", null, null, 1, "否", D])));
        Assert.Equal([("出租屋", 2, "承租人数"), ("出租屋", 3, "登记日期"), ("出租屋", 4, "地址"), ("出租屋", 4, "登记日期")],
            result.Errors.Select(e => (e.Sheet, e.Row, e.Column)));
        Assert.Equal(before, await CountAsync<RentalHouse>());
    }

    [Fact]
    public async Task Attestations_accept_only_attested_items_of_the_rule_set()
    {
        await BaseAsync();
        string[] headers = ["单位编码", "年度", "条目", "结果", "说明"];
        XLWorkbook Good(string result) => Book(Sheet("评定", headers,
            ["CUN-A", 2025, "1.3", result, "机构健全"],
            ["QY-A", 2025, "7.1", "达标", null],
            ["QY-A", 2025, "5.2", "不适用", "无重点物品"],
            ["QY-A", 2025, "7.3", "不适用", null]));
        ImportAssert.Counts(await town.ImportAsync("attestations", Good("达标")), ("评定", 4, 0));
        ImportAssert.Counts(await town.ImportAsync("attestations", Good("不达标")), ("评定", 0, 4));
        var a = await town.Factory.WithDbAsync(db => db.Attestations.SingleAsync(x => x.ItemCode == "1.3" && x.Year == 2025));
        Assert.Equal(AttestationResult.Fail, a.Result);

        var before = await CountAsync<Attestation>();
        var result = await town.ImportAsync("attestations", Book(Sheet("评定", headers,
            ["CUN-A", 2025, "7.1", "达标", null],
            ["CUN-A", 2025, "1.3", "不适用", null],
            ["QY-A", 2025, "7.3", "达标", null],
            ["CUN-A", 2019, "1.3", "达标", null],
            ["CUN-A", 2025, "9.9", "达标", null],
            ["QY-A", 2025, "2.1", "优秀", null])));
        Assert.Equal(
            [("评定", 2, "条目"), ("评定", 3, "结果"), ("评定", 4, "结果"), ("评定", 5, "年度"), ("评定", 6, "条目"), ("评定", 7, "结果")],
            result.Errors.Select(e => (e.Sheet, e.Row, e.Column)));
        Assert.Equal(before, await CountAsync<Attestation>());
    }

    [Fact]
    public async Task A_missing_sheet_or_column_is_reported_and_nothing_is_written()
    {
        var result = await town.ImportAsync("petitions", Book(Sheet("Sheet1", ["编号"], ["X"])));
        Assert.Equal([("信访", 0, "")], result.Errors.Select(e => (e.Sheet, e.Row, e.Column)));
        Assert.Contains("缺少工作表", result.Errors[0].Reason, StringComparison.Ordinal);

        result = await town.ImportAsync("petitions", Book(Sheet("信访", PetitionHeaders.Where(h => h != "状态").ToArray())));
        Assert.Equal([("信访", 1, "状态")], result.Errors.Select(e => (e.Sheet, e.Row, e.Column)));
    }

    [Fact]
    public async Task Each_import_writes_one_audit_line_with_its_counts()
    {
        await BaseAsync();
        var lines = await town.Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == Domain.Auditing.AuditAction.Import && a.EntityType == "subjects").CountAsync());
        await BaseAsync();
        var after = await town.Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == Domain.Auditing.AuditAction.Import && a.EntityType == "subjects")
            .OrderBy(a => a.Id).Select(a => a.Changes).ToListAsync());
        Assert.Equal(lines + 1, after.Count);
        Assert.Contains("\"更新\":3", after[^1], StringComparison.Ordinal);
    }
}
