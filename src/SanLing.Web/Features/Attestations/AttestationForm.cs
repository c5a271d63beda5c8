using FluentValidation.Results;
using Microsoft.Extensions.Localization;
using SanLing.Domain.Standards;

namespace SanLing.Web.Features.Attestations;

/// <summary>The whole grid of one subject × year, posted at once (multipart: each line may carry an evidence file).</summary>
public sealed class AttestationForm
{
    public List<AttestationLineForm> Items { get; set; } = [];
}

public sealed class AttestationLineForm
{
    public string? ItemCode { get; set; }

    /// <summary>Empty: not judged yet (nothing is written for this line).</summary>
    public AttestationResult? Result { get; set; }
    public string? Note { get; set; }
    public IFormFile? Evidence { get; set; }

    /// <summary>The concurrency token of the row on file, if there is one.</summary>
    public Guid? Version { get; set; }
}

/// <summary>
/// Checks the grid against the items that apply (given in the root context data under <see cref="ItemsKey"/>):
/// only known items, 不适用 only where allowed, short notes, evidence files that really are images or PDFs.
/// </summary>
public sealed class AttestationFormValidator : AbstractValidator<AttestationForm>
{
    public const string ItemsKey = "AttestedItems";

    public AttestationFormValidator(IStringLocalizer<SharedResource> localizer)
    {
        RuleFor(f => f.Items).Custom((lines, context) =>
        {
            var items = context.RootContextData.TryGetValue(ItemsKey, out var value) && value is IReadOnlyDictionary<string, AttestedItem> known
                ? known
                : new Dictionary<string, AttestedItem>();
            for (var i = 0; i < lines.Count; i++)
            {
                Check(lines[i], $"Items[{i}]", items, context, localizer);
            }
        });
    }

    private static void Check(AttestationLineForm line, string prefix, IReadOnlyDictionary<string, AttestedItem> items, ValidationContext<AttestationForm> context,
        IStringLocalizer localizer)
    {
        if (line.ItemCode is null || !items.TryGetValue(line.ItemCode, out var item))
        {
            context.AddFailure(new ValidationFailure(prefix + ".Result", localizer["评定项“{0}”不在本单位适用的评定项中", line.ItemCode ?? ""]));
            return;
        }
        if (line.Result is { } result && !Enum.IsDefined(result))
        {
            context.AddFailure(new ValidationFailure(prefix + ".Result", localizer["{0} 的评定结果无效", item.Code]));
        }
        if (line.Result == AttestationResult.NotApplicable && !item.AllowsNotApplicable)
        {
            context.AddFailure(new ValidationFailure(prefix + ".Result", localizer["{0}“{1}”不允许选择“不适用”", item.Code, localizer[item.Title]]));
        }
        if (line.Result is null && (!string.IsNullOrWhiteSpace(line.Note) || line.Evidence is not null))
        {
            context.AddFailure(new ValidationFailure(prefix + ".Result", localizer["{0} 填写了说明或上传了材料，请同时选择评定结果", item.Code]));
        }
        if (line.Note is { Length: > AttestationRules.NoteMaxLength })
        {
            context.AddFailure(new ValidationFailure(prefix + ".Note", localizer["{0} 的说明不能超过 {1} 个字符", item.Code, AttestationRules.NoteMaxLength]));
        }
        if (line.Evidence is { } file && EvidenceFile.Check(file) is { } error)
        {
            context.AddFailure(new ValidationFailure(prefix + ".Evidence", localizer["{0}：{1}", item.Code, localizer[error]]));
        }
    }
}

/// <summary>Evidence files are recognised by their first bytes, never by their name or the browser's content type.</summary>
public static class EvidenceFile
{
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>Null when acceptable, otherwise the reason in Chinese (a key of the shared resource).</summary>
    public static string? Check(IFormFile file)
    {
        if (file.Length == 0)
        {
            return "上传的文件是空的";
        }
        if (file.Length > MaxBytes)
        {
            return "证明材料不能超过 5 MB";
        }
        return ContentTypeOf(file) is null ? "证明材料只能是图片（JPG、PNG）或 PDF 文件" : null;
    }

    /// <summary>application/pdf, image/png or image/jpeg from the file's magic bytes; null for anything else.</summary>
    public static string? ContentTypeOf(IFormFile file)
    {
        Span<byte> head = stackalloc byte[8];
        using var stream = file.OpenReadStream();
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var bytes = head[..read];
        if (bytes.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }
        return bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg" : null;
    }

    /// <summary>The user's file name without any path, shortened to fit the column.</summary>
    public static string OriginalName(IFormFile file)
    {
        var name = Path.GetFileName(file.FileName.Replace('\\', '/'));
        if (string.IsNullOrWhiteSpace(name))
        {
            name = "证明材料";
        }
        return name.Length <= 200 ? name : name[^200..];
    }
}
