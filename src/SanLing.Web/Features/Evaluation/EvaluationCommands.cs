using Microsoft.Extensions.Localization;
using SanLing.Domain.Auditing;
using SanLing.Domain.Common;
using SanLing.Infrastructure.Evaluation;

namespace SanLing.Web.Features.Evaluation;

/// <summary>Runs and publishes evaluations (office staff).</summary>
public sealed class EvaluationCommands(SanLingDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>Runs and stores the evaluation; returns the run id, or the reason it was refused (in the user's language).</summary>
    public async Task<(int? RunId, string? Error)> RunAsync(RunForm form, CancellationToken ct)
    {
        try
        {
            var outcome = await new EvaluationRunner(db, clock).RunAsync(form.Year!.Value, EffectiveAsOf(form, clock), ct);
            return (outcome.Run.Id, null);
        }
        catch (EvaluationRefusedException ex)
        {
            return (null, localizer[ex.Format, [.. ex.Args]]);
        }
    }

    /// <summary>The current year is evaluated as of today unless a date is given; a finished year as a whole.</summary>
    public static DateOnly? EffectiveAsOf(RunForm form, TimeProvider clock)
    {
        var today = clock.Today();
        return form.AsOf ?? (form.Year == today.Year ? today : null);
    }

    /// <summary>
    /// 公示: leadership sees the run from now on. <see cref="SaveOutcome.Unchanged"/> when it was published already,
    /// <see cref="SaveOutcome.Refused"/> for a provisional (as-of) run, which the domain never publishes.
    /// </summary>
    public async Task<SaveOutcome> PublishAsync(int id, Guid version, CancellationToken ct)
    {
        var run = await db.EvaluationRuns.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (run is { CanBePublished: false })
        {
            return SaveOutcome.Refused;
        }
        if (run is { IsPublished: true })
        {
            return SaveOutcome.Unchanged;
        }
        return await db.SaveEditAsync(run, version, r => r.Publish(clock.GetUtcNow(), db.Actor.UserName), ct);
    }

    /// <summary>Stores the current year's as-of run now (the office's button); its id, or the refusal in the user's language.</summary>
    public async Task<(int? RunId, string? Error)> RefreshAsOfAsync(CancellationToken ct)
    {
        try
        {
            var outcome = await new AsOfRefresher(db, clock).RefreshAsync(ct);
            return outcome is null
                ? (null, localizer["没有适用于 {0} 年的评定细则，请先建立评定细则。", clock.Today().Year])
                : (outcome.Run.Id, null);
        }
        catch (EvaluationRefusedException ex)
        {
            return (null, localizer[ex.Format, [.. ex.Args]]);
        }
    }

    /// <summary>Logs a download of the annual report.</summary>
    public Task AuditExportAsync(int runId, int year, CancellationToken ct) =>
        AuditChain.AppendAsync(db, clock, AuditAction.Export, "EvaluationRun", runId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{{\"report\":\"年度报告\",\"year\":{year}}}", ct);
}

/// <summary>Year: a four-digit year not in the future; as-of date inside that year and not after today.</summary>
public sealed class RunFormValidator : AbstractValidator<RunForm>
{
    public RunFormValidator(TimeProvider clock, IStringLocalizer<SharedResource> localizer)
    {
        var today = clock.Today();
        RuleFor(f => f.Year).NotNull().WithMessage(_ => localizer["请填写评定年度"])
            .InclusiveBetween(2000, today.Year).WithMessage(_ => localizer["评定年度应在 2000 至 {0} 之间", today.Year]);
        RuleFor(f => f.AsOf)
            .Must((f, d) => d!.Value.Year == f.Year).WithMessage(_ => localizer["截止日期必须在评定年度内"])
            .Must(d => d!.Value <= today).WithMessage(_ => localizer["截止日期不能晚于今天"])
            .When(f => f.AsOf is not null && f.Year is not null);
    }
}
