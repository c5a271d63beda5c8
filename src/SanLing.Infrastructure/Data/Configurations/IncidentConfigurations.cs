using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SanLing.Domain.KeyPopulations;
using SanLing.Domain.Ledgers;

namespace SanLing.Infrastructure.Data.Configurations;

/// <summary>What the three incident ledgers share: a number unique per town, the subject, the date.</summary>
internal static class IncidentMapping
{
    public static void MapIncident<T>(this EntityTypeBuilder<T> builder) where T : Incident
    {
        builder.Property(i => i.Number).HasMaxLength(IncidentRules.NumberMaxLength);
        builder.HasOne(i => i.Subject).WithMany().HasForeignKey(i => i.SubjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.TownId, i.Number }).IsUnique();
        builder.HasIndex(i => new { i.TownId, i.OccurredOn });
        builder.HasIndex(i => i.SubjectId);
    }
}

public sealed class PetitionConfiguration : IEntityTypeConfiguration<Petition>
{
    public void Configure(EntityTypeBuilder<Petition> builder)
    {
        builder.MapIncident();
        builder.Property(p => p.Matter).HasMaxLength(PetitionRules.MatterMaxLength);
        builder.Property(p => p.LeaderInCharge).HasMaxLength(PetitionRules.LeaderMaxLength);
    }
}

public sealed class AccidentConfiguration : IEntityTypeConfiguration<Accident>
{
    public void Configure(EntityTypeBuilder<Accident> builder)
    {
        builder.MapIncident();
        builder.Property(a => a.LossTenThousandYuan).HasPrecision(AccidentRules.LossPrecision, AccidentRules.LossDecimals);
        builder.Property(a => a.Summary).HasMaxLength(AccidentRules.SummaryMaxLength);
    }
}

public sealed class SecurityCaseConfiguration : IEntityTypeConfiguration<SecurityCase>
{
    public void Configure(EntityTypeBuilder<SecurityCase> builder)
    {
        builder.ToTable("Cases");
        builder.MapIncident();
        builder.Property(c => c.Facts).HasMaxLength(CaseRules.FactsMaxLength);
        builder.Property(c => c.OffenderNumber).HasMaxLength(KeyPersonRules.NumberMaxLength);
        builder.HasIndex(c => new { c.TownId, c.OffenderNumber });
        builder.HasOne<KeyPerson>(c => c.OffenderKeyPerson).WithMany().HasForeignKey(c => c.OffenderKeyPersonId).OnDelete(DeleteBehavior.SetNull);
    }
}
