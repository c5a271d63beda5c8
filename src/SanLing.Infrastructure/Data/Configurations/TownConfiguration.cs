using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SanLing.Domain.Common;

namespace SanLing.Infrastructure.Data.Configurations;

public sealed class TownConfiguration : IEntityTypeConfiguration<Town>
{
    public void Configure(EntityTypeBuilder<Town> builder)
    {
        builder.Property(t => t.Code).HasMaxLength(TownRules.CodeMaxLength);
        builder.Property(t => t.Name).HasMaxLength(TownRules.NameMaxLength);
        builder.Property(t => t.Version).IsConcurrencyToken();
        // Towns created before appeals get the default period, not a closed one.
        builder.Property(t => t.AppealPeriodDays).HasDefaultValue(Domain.Evaluation.AppealRules.DefaultPeriodDays);
        builder.HasIndex(t => t.Code).IsUnique();
        builder.HasOne<County>().WithMany().HasForeignKey(t => t.CountyId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CountyConfiguration : IEntityTypeConfiguration<County>
{
    public void Configure(EntityTypeBuilder<County> builder)
    {
        builder.Property(c => c.Code).HasMaxLength(TownRules.CodeMaxLength);
        builder.Property(c => c.Name).HasMaxLength(TownRules.NameMaxLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => c.Code).IsUnique();
    }
}
