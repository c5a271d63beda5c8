using SanLing.Domain.Inspections;
using SanLing.Domain.KeyPopulations;
using SanLing.Domain.Ledgers;
using SanLing.Domain.Rules;
using SanLing.Domain.Subjects;

namespace SanLing.Domain.Tests;

/// <summary>Each ledger's rules at their limits: the last good value passes, the first bad one is refused by its field with its message.</summary>
public sealed class LedgerRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    private static readonly PetitionValues GoodPetition = new()
    {
        Number = "XF-1", SubjectCode = "CUN01", FiledOn = Today, Kind = PetitionKind.Individual, PetitionerCount = 1, Status = PetitionStatus.Received,
    };

    private static readonly AccidentValues GoodAccident = new()
    {
        Number = "SG-1", SubjectCode = "CUN01", OccurredOn = Today, Category = AccidentCategory.Fire, Deaths = 0, Injuries = 0, Loss = 0m,
    };

    private static readonly KeyPersonValues GoodPerson = new()
    {
        Number = "ZD-1", Name = "周八", SubjectCode = "CUN01", Category = KeyPersonCategory.DrugUser, ListedOn = Today,
    };

    private static readonly RentalHouseValues GoodHouse = new() { Number = "CZ-1", SubjectCode = "CUN01", Address = "东村 1 号", TenantCount = 0 };

    private static readonly SubjectValues GoodSubject = new() { Code = "QY01", Name = "青山机械厂", Kind = SubjectKind.Enterprise, HasTerritory = true };

    private static readonly GridValues GoodGrid = new() { Code = "CUN01-G1", Name = "第一网格", SubjectCode = "CUN01" };

    private static readonly FindingValues GoodHazard = new()
    {
        Type = FindingType.Hazard, HazardCategory = HazardCategory.Fire, Description = "灭火器过期", RiskLevel = RiskLevel.General,
        RectifyBy = Today, Status = FindingStatus.Rectifying,
    };

    public static TheoryData<string, PetitionValues, string?> Petitions => new()
    {
        { "good", GoodPetition, null },
        { "10 000 people", GoodPetition with { PetitionerCount = PetitionRules.MaxPetitioners }, null },
        { "10 001 people", GoodPetition with { PetitionerCount = PetitionRules.MaxPetitioners + 1 }, "PetitionerCount: 人数应在 1 到 10000 之间" },
        { "nobody", GoodPetition with { PetitionerCount = 0 }, "PetitionerCount: 人数应在 1 到 10000 之间" },
        { "collective of 4", GoodPetition with { Kind = PetitionKind.Collective, PetitionerCount = 4 }, "PetitionerCount: 集体访的人数应不少于 5 人" },
        { "collective of 5", GoodPetition with { Kind = PetitionKind.Collective, PetitionerCount = 5 }, null },
        { "number of 40", GoodPetition with { Number = new string('X', 40) }, null },
        { "number of 41", GoodPetition with { Number = new string('X', 41) }, "Number: 编号不能超过 40 个字" },
        { "matter of 1001", GoodPetition with { Matter = new string('事', 1001) }, "Matter: 事由不能超过 1000 个字" },
        { "filed tomorrow", GoodPetition with { FiledOn = Today.AddDays(1) }, "FiledOn: 登记日期不能晚于今天" },
        { "no date", GoodPetition with { FiledOn = null }, "FiledOn: 请填写登记日期" },
        { "resolved without date", GoodPetition with { Status = PetitionStatus.Resolved }, "ResolvedOn: 状态为“已化解”时必须填写化解日期" },
        { "resolved before filed", GoodPetition with { Status = PetitionStatus.Resolved, ResolvedOn = Today.AddDays(-1) }, "ResolvedOn: 化解日期不能早于登记日期" },
        { "date while handling", GoodPetition with { Status = PetitionStatus.Handling, ResolvedOn = Today }, "ResolvedOn: 只有状态为“已化解”时才填写化解日期" },
        { "unknown kind", GoodPetition with { Kind = (PetitionKind)99 }, "Kind: 类型无效" },
    };

    [Theory]
    [MemberData(nameof(Petitions))]
    public void Petition_rules(string because, PetitionValues values, string? expected) =>
        Assert.True(expected == First(PetitionRules.Check(values, Today)), because + ": " + First(PetitionRules.Check(values, Today)));

    public static TheoryData<string, AccidentValues, string?> Accidents => new()
    {
        { "good", GoodAccident, null },
        { "10 000 deaths", GoodAccident with { Deaths = AccidentRules.MaxPeople }, null },
        { "10 001 injuries", GoodAccident with { Injuries = AccidentRules.MaxPeople + 1 }, "Injuries: 受伤人数应在 0 到 10000 之间" },
        { "-1 deaths", GoodAccident with { Deaths = -1 }, "Deaths: 死亡人数应在 0 到 10000 之间" },
        { "1 000 000 万元", GoodAccident with { Loss = AccidentRules.MaxLoss }, null },
        { "1 000 000.01 万元", GoodAccident with { Loss = AccidentRules.MaxLoss + 0.01m }, "Loss: 直接经济损失（万元）应在 0 到 1000000 之间" },
        { "three decimals", GoodAccident with { Loss = 1.005m }, "Loss: 直接经济损失（万元）最多 2 位小数" },
        { "summary of 1001", GoodAccident with { Summary = new string('情', 1001) }, "Summary: 简要情况不能超过 1000 个字" },
    };

    [Theory]
    [MemberData(nameof(Accidents))]
    public void Accident_rules(string because, AccidentValues values, string? expected) =>
        Assert.True(expected == First(AccidentRules.Check(values, Today)), because + ": " + First(AccidentRules.Check(values, Today)));

    [Theory]
    [InlineData(1000, null)]
    [InlineData(1001, "Facts: 简要案情不能超过 1000 个字")]
    public void Case_facts_have_a_limit(int length, string? expected) =>
        Assert.Equal(expected, First(CaseRules.Check(new CaseValues { Number = "AJ-1", SubjectCode = "CUN01", OccurredOn = Today, Kind = CaseKind.Criminal, Facts = new string('案', length) }, Today)));

    public static TheoryData<string, KeyPersonValues, string?> Persons => new()
    {
        { "good", GoodPerson, null },
        { "name of 51", GoodPerson with { Name = new string('名', 51) }, "Name: 姓名不能超过 50 个字" },
        { "delisted before listed", GoodPerson with { DelistedOn = Today.AddDays(-1) }, "DelistedOn: 解除日期不能早于列管日期" },
        { "plan without text", GoodPerson with { HasAssistancePlan = true }, "AssistancePlan: 已制定帮教方案时请填写方案内容" },
        { "plan of 2001", GoodPerson with { HasAssistancePlan = true, AssistancePlan = new string('帮', 2001) }, "AssistancePlan: 帮教方案不能超过 2000 个字" },
    };

    [Theory]
    [MemberData(nameof(Persons))]
    public void Key_person_rules(string because, KeyPersonValues values, string? expected) =>
        Assert.True(expected == First(KeyPersonRules.Check(values, Today)), because + ": " + First(KeyPersonRules.Check(values, Today)));

    [Fact]
    public void The_import_does_not_ask_for_the_plan_text() =>
        Assert.Empty(KeyPersonRules.Check(GoodPerson with { HasAssistancePlan = true }, Today, planTextAsked: false));

    [Theory]
    [InlineData(1000, null)]
    [InlineData(1001, "Note: 帮教情况不能超过 1000 个字")]
    public void Follow_up_notes_have_a_limit(int length, string? expected) =>
        Assert.Equal(expected, First(KeyPersonRules.Check(new FollowUpValues { VisitedOn = Today, VisitedBy = "吴九", Note = new string('访', length) }, Today)));

    public static TheoryData<string, RentalHouseValues, string?> Houses => new()
    {
        { "good", GoodHouse, null },
        { "10 000 tenants", GoodHouse with { TenantCount = RentalHouseRules.MaxTenants }, null },
        { "10 001 tenants", GoodHouse with { TenantCount = RentalHouseRules.MaxTenants + 1 }, "TenantCount: 承租人数应在 0 到 10000 之间" },
        { "registered without date", GoodHouse with { IsRegistered = true }, "RegisteredOn: 已登记备案时必须填写登记日期" },
        { "date without registration", GoodHouse with { RegisteredOn = Today }, "RegisteredOn: 未登记备案时不填写登记日期" },
        { "address of 201", GoodHouse with { Address = new string('址', 201) }, "Address: 地址不能超过 200 个字" },
    };

    [Theory]
    [MemberData(nameof(Houses))]
    public void Rental_house_rules(string because, RentalHouseValues values, string? expected) =>
        Assert.True(expected == First(RentalHouseRules.Check(values, Today)), because + ": " + First(RentalHouseRules.Check(values, Today)));

    public static TheoryData<string, SubjectValues, string?> Subjects => new()
    {
        { "good", GoodSubject, null },
        { "enterprise without territory", GoodSubject with { HasTerritory = false }, "Territory: 企业和单位必须选择所属村（社区）" },
        { "village with territory", GoodSubject with { Kind = SubjectKind.Village }, "Territory: 村和社区本身没有所属村（社区）" },
        { "code of 33", GoodSubject with { Code = new string('Q', 33) }, "Code: 编码不能超过 32 个字" },
        { "code with a space", GoodSubject with { Code = "QY 01" }, "Code: 编码只能包含字母、数字、- 和 _" },
        { "bad phone", GoodSubject with { Phone = "12345" }, "Phone: 联系电话应为 11 位手机号或带区号的固定电话" },
        { "dissolved on the day established", GoodSubject with { EstablishedOn = Today, DissolvedOn = Today }, "DissolvedOn: 撤销日期必须晚于设立日期" },
    };

    [Theory]
    [MemberData(nameof(Subjects))]
    public void Subject_rules(string because, SubjectValues values, string? expected) =>
        Assert.True(expected == First(SubjectRules.Check(values)), because + ": " + First(SubjectRules.Check(values)));

    [Theory]
    [InlineData("CUN01-G1", null)]
    [InlineData("第一网格", "Code: 网格编码只能包含字母、数字、- 和 _")]
    public void Grid_codes_are_plain(string code, string? expected) => Assert.Equal(expected, First(GridRules.Check(GoodGrid with { Code = code })));

    public static TheoryData<string, FindingValues, FindingSource, string?> Findings => new()
    {
        { "good hazard", GoodHazard, FindingSource.Import, null },
        { "hazard without deadline", GoodHazard with { RectifyBy = null }, FindingSource.Import, "RectifyBy: 安全隐患请填写整改期限" },
        { "hazard resolved", GoodHazard with { Status = FindingStatus.Resolved }, FindingSource.Import, "Status: 安全隐患的状态应为 整改中 或 已整改" },
        { "rectified without date", GoodHazard with { Status = FindingStatus.Rectified }, FindingSource.Import, "ClosedOn: 已整改的隐患请填写整改完成日期" },
        { "closed before the month", GoodHazard with { Status = FindingStatus.Rectified, ClosedOn = new DateOnly(2026, 2, 28) }, FindingSource.Import, "ClosedOn: 办结日期不能早于所排查的月份" },
        { "form asks for the risk level", GoodHazard with { RiskLevel = null }, FindingSource.Form, "RiskLevel: 请选择风险等级" },
        { "import does not", GoodHazard with { RiskLevel = null }, FindingSource.Import, null },
        { "description of 1001", GoodHazard with { Description = new string('述', 1001) }, FindingSource.Form, "Description: 问题描述不能超过 1000 个字" },
    };

    [Theory]
    [MemberData(nameof(Findings))]
    public void Finding_rules(string because, FindingValues values, FindingSource source, string? expected)
    {
        var actual = First(FindingRules.Check(values, Today, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 1), source));
        Assert.True(expected == actual, because + ": " + actual);
    }

    [Fact]
    public void Messages_are_formatted_through_a_translation()
    {
        var violation = PetitionRules.Check(GoodPetition with { PetitionerCount = 0 }, Today).Single();
        var english = new Dictionary<string, string> { ["{0}应在 {1} 到 {2} 之间"] = "{0} must be between {1} and {2}", ["人数"] = "petitioners" };
        Assert.Equal("petitioners must be between 1 and 10000", RuleMessages.Format(violation, s => english.GetValueOrDefault(s, s)));
    }

    private static string? First(IReadOnlyList<RuleViolation> violations) => violations.Count == 0 ? null : violations[0].ToString();
}
