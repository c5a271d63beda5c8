using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace SanLing.Web.Tests.Security;

/// <summary>
/// Every Chinese string literal in the portal's C# (the command line excepted) has an English entry in
/// SharedResource.en.resx, is a plain literal (an interpolated string cannot be a resource key) and, where it is
/// handed straight to the user (TempData, model-state errors, validator messages), goes through a localizer.
/// Literals that are data, logs, file contents or formats say why in <see cref="Allowed"/>.
/// </summary>
public sealed partial class LocalizedSourceTests(ITestOutputHelper output)
{
    /// <summary>(file, start of the literal) → why the Chinese stays Chinese.</summary>
    private static readonly (string File, string Literal, string Why)[] Allowed =
    [
        ("Setup/DemoAccounts.cs", "", "the demo accounts' names are data"),
        ("Features/Inspections/InspectionsController.cs", "网格员 ", "strips the demo display name's prefix (data)"),
        ("Features/Inspections/InspectionModels.cs", "", "the Chinese month format, chosen by the reader's culture"),
        ("Features/InspectionReview/InspectionReviewQueries.cs", "", "the reminder is sent to grid workers in Chinese (shown with lang=\"zh-CN\")"),
        ("Features/RuleSets/RuleSetCommands.cs", "{…}年三零创建评定细则", "the proposed name of a new rule set is a form value (data)"),
        ("Features/Evaluation/EvaluationCommands.cs", "{\\\"report\\\":\\\"年度报告", "the audit line's detail (data)"),
        ("Features/Evaluation/WarningQueries.cs", "", "warning reasons: rendered by ReasonText (reasons as codes, issue 10)"),
        ("Features/Shared/ReasonText.cs", "", "patterns that read stored reasons"),
        ("Features/Counties/CountyWorkbook.cs", "", "the county workbook's contents: the annual report templates' Chinese headers and values, as in the town's report"),
    ];

    /// <summary>Handing a text to the user: it must be a localizer's result.</summary>
    [GeneratedRegex(@"TempData\.|AddModelError\(|WithMessage\(|AddFailure\(")]
    private static partial Regex Sink();

    /// <summary>Lines whose Chinese is not shown as UI text: logs, download names, workbook contents.</summary>
    [GeneratedRegex(@"\bLog(Information|Warning|Error|Debug|Critical|Trace)\(|\.xlsx|WriteHeader\(|Worksheets\.Add\(|AddWorksheet\(|\.SetText\(")]
    private static partial Regex NotUi();

    /// <summary>The literal is the key of an indexer of a localizer (l, L, localizer, text).</summary>
    [GeneratedRegex(@"\b(l|L|localizer|text)\[\s*$")]
    private static partial Regex LocalizerIndexer();

    [GeneratedRegex(@"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")]
    private static partial Regex Cjk();

    [Fact]
    public void Every_chinese_literal_of_the_portal_goes_through_the_resource_and_has_english()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "SanLing.Web");
        var keys = XDocument.Load(Path.Combine(web, "Resources", "SharedResource.en.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(web, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal)
                && !f.StartsWith("Commands/", StringComparison.Ordinal))
            .ToList();
        var problems = new List<string>();
        var literals = 0;
        foreach (var file in files)
        {
            var source = File.ReadAllText(Path.Combine(web, file));
            foreach (var literal in CSharpLiterals.Of(source).Where(l => Cjk().IsMatch(l.Text)))
            {
                literals++;
                var lineStart = source.LastIndexOf('\n', Math.Max(0, literal.Start - 1)) + 1;
                var lineEnd = source.IndexOf('\n', literal.Start);
                var line = source[lineStart..(lineEnd < 0 ? source.Length : lineEnd)].Trim();
                if (NotUi().IsMatch(line) || Allowed.Any(a => a.File == file && literal.Text.StartsWith(a.Literal, StringComparison.Ordinal)))
                {
                    continue;
                }
                var problem = literal.Interpolated ? "interpolated (cannot be a resource key)"
                    : !keys.Contains(literal.Text) ? "no English entry"
                    : Sink().IsMatch(line) && !LocalizerIndexer().IsMatch(source[Math.Max(0, literal.Start - 40)..literal.Start]) ? "shown without the localizer"
                    : null;
                if (problem is not null)
                {
                    problems.Add($"{file}: {problem}: {line}");
                }
            }
        }
        output.WriteLine($"{files.Count} files, {literals} Chinese literals");
        Assert.True(literals > 100, "the scan should find the portal's Chinese literals");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The scanner reads literals the way the compiler does: comments, verbatim, raw and nested interpolated strings.</summary>
    [Fact]
    public void The_scanner_tells_literals_from_comments_and_interpolation_holes()
    {
        const string source = """"
            // "注释" is not a literal
            var a = L["键"]; /* "也不是" */ var b = $"已保存 {string.Join("、", names)} 条";
            var c = @"逐字""引号"""; var d = '"'; var e = "转义\"引号";
            """";
        var found = CSharpLiterals.Of(source).Select(l => (l.Text, l.Interpolated)).ToList();
        Assert.Equal(
            [("键", false), ("已保存 {…} 条", true), ("、", false), ("逐字\"引号\"", false), ("转义\\\"引号", false)],
            found);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SanLing.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("SanLing.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A string literal of C# source: where it starts, its text (interpolation holes as {…}) and whether it is interpolated.</summary>
internal sealed record CSharpLiteral(int Start, string Text, bool Interpolated);

/// <summary>
/// A small reader of C# string literals, enough for the portal's source: it skips comments and character literals,
/// and reads regular, verbatim, raw and interpolated strings, including literals nested in interpolation holes.
/// </summary>
internal static class CSharpLiterals
{
    public static List<CSharpLiteral> Of(string source)
    {
        var found = new List<CSharpLiteral>();
        var i = 0;
        while (i < source.Length)
        {
            i = Next(source, i, found);
        }
        return found.OrderBy(l => l.Start).ToList();
    }

    private static int Next(string s, int i, List<CSharpLiteral> found)
    {
        if (At(s, i, "//"))
        {
            var end = s.IndexOf('\n', i);
            return end < 0 ? s.Length : end;
        }
        if (At(s, i, "/*"))
        {
            var end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
            return end < 0 ? s.Length : end + 2;
        }
        if (s[i] == '\'')
        {
            var j = i + 1;
            while (j < s.Length && s[j] != '\'')
            {
                j += s[j] == '\\' ? 2 : 1;
            }
            return j + 1;
        }
        return StartsLiteral(s, i) ? ReadLiteral(s, i, found) : i + 1;
    }

    private static bool At(string s, int i, string text) => string.CompareOrdinal(s, i, text, 0, text.Length) == 0;

    private static bool StartsLiteral(string s, int i)
    {
        var j = i;
        while (j < s.Length && (s[j] == '$' || s[j] == '@'))
        {
            j++;
        }
        return j < s.Length && s[j] == '"';
    }

    /// <summary>Reads the literal at <paramref name="start"/>; returns the index after it.</summary>
    private static int ReadLiteral(string s, int start, List<CSharpLiteral> found)
    {
        var i = start;
        var dollars = 0;
        var verbatim = false;
        while (s[i] is '$' or '@')
        {
            if (s[i] == '$')
            {
                dollars++;
            }
            else
            {
                verbatim = true;
            }
            i++;
        }
        var quotes = 0;
        while (i + quotes < s.Length && s[i + quotes] == '"')
        {
            quotes++;
        }
        var raw = quotes >= 3;
        if (!raw)
        {
            quotes = 1;
        }
        i += quotes;
        var closing = new string('"', quotes);
        var text = new StringBuilder();
        while (i < s.Length)
        {
            if (raw && At(s, i, closing))
            {
                i += quotes;
                break;
            }
            if (!raw && s[i] == '"')
            {
                if (verbatim && At(s, i, "\"\""))
                {
                    text.Append('"');
                    i += 2;
                    continue;
                }
                i++;
                break;
            }
            if (!raw && !verbatim && s[i] == '\\')
            {
                text.Append(s, i, Math.Min(2, s.Length - i));
                i += 2;
                continue;
            }
            if (dollars > 0 && s[i] == '{')
            {
                var opening = raw ? dollars : 1;
                if (!raw && At(s, i, "{{"))
                {
                    text.Append('{');
                    i += 2;
                    continue;
                }
                if (raw && !At(s, i, new string('{', opening)))
                {
                    text.Append('{');
                    i++;
                    continue;
                }
                text.Append("{…}");
                i = SkipHole(s, i + opening, opening, found);
                continue;
            }
            text.Append(s[i]);
            i++;
        }
        found.Add(new CSharpLiteral(start, text.ToString(), dollars > 0));
        return i;
    }

    /// <summary>Skips an interpolation hole (reading the literals inside it); returns the index after its closing brace(s).</summary>
    private static int SkipHole(string s, int i, int closing, List<CSharpLiteral> found)
    {
        var depth = 1;
        while (i < s.Length)
        {
            if (StartsLiteral(s, i))
            {
                i = ReadLiteral(s, i, found);
                continue;
            }
            if (s[i] == '\'')
            {
                i = Next(s, i, found);
                continue;
            }
            if (s[i] == '{')
            {
                depth++;
            }
            else if (s[i] == '}' && --depth == 0)
            {
                return i + closing;
            }
            i++;
        }
        return i;
    }
}
