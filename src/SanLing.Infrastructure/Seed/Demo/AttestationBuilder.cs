using SanLing.Domain.Standards;
using static SanLing.Infrastructure.Seed.Demo.DemoWords;

namespace SanLing.Infrastructure.Seed.Demo;

/// <summary>年度评定 of the finished years, through the rule set's own list of attested items per kind.</summary>
internal static class AttestationBuilder
{
    /// <summary>
    /// The office's annual judgement of every attested item for every finished year: pass, fail where planned,
    /// n/a for 5.2 where the unit keeps no key items; about 1 % of last year's subjects are not assessed yet.
    /// </summary>
    internal static List<Attestation> Build(SeedRun run)
    {
        var attestations = new List<Attestation>(45_000);
        for (var year = run.FirstYear; year < run.CurrentYear; year++)
        {
            var evaluated = run.Subjects.Where(s => s.Subject.IsActiveOn(new DateOnly(year, 12, 31))).ToList();
            var pending = new HashSet<SubjectSeed>();
            if (year == run.CurrentYear - 1)
            {
                var clean = evaluated.Where(s => !s.IsTerritory && !s.FailsEveryYear && !s.Faults.ContainsKey(year)).ToList();
                pending.UnionWith(run.Sample(clean, (int)Math.Round(evaluated.Count * 0.01)));
            }
            foreach (var seed in evaluated)
            {
                if (pending.Contains(seed))
                {
                    continue;
                }
                seed.Faults.TryGetValue(year, out var fault);
                foreach (var item in run.AttestedItems[seed.Subject.Kind])
                {
                    var attestation = new Attestation { SubjectId = seed.Subject.Id, Year = year, ItemCode = item.Code, Result = AttestationResult.Pass };
                    if (fault is { Kind: FaultKind.FailedAttestation } && fault.ItemCode == item.Code)
                    {
                        attestation.Result = AttestationResult.Fail;
                        attestation.Note = FailNotes.GetValueOrDefault(item.Code, "年度考核未达到创建要求");
                    }
                    else if (item.AllowsNotApplicable && seed.KeyItemsNotApplicable)
                    {
                        attestation.Result = AttestationResult.NotApplicable;
                        attestation.Note = "本单位无重点物品";
                    }
                    attestations.Add(attestation);
                }
            }
        }
        return attestations;
    }
}
