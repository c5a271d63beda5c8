using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SanLing.Domain.Api;
using SanLing.Domain.Common;

namespace SanLing.Infrastructure.Data.Configurations;

public sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(ApiRules.NameMaxLength);
        builder.Property(t => t.Prefix).HasMaxLength(ApiRules.PrefixLength);
        builder.Property(t => t.SecretHash).HasMaxLength(64);
        builder.Property(t => t.CreatedBy).HasMaxLength(256);
        builder.Property(t => t.RevokedBy).HasMaxLength(256);
        builder.HasIndex(t => t.Prefix).IsUnique();
        builder.HasIndex(t => t.TownId);
        builder.HasOne<Town>().WithMany().HasForeignKey(t => t.TownId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => t.CountyId);
        builder.HasOne<County>().WithMany().HasForeignKey(t => t.CountyId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(t => t.Scope);
    }
}

public sealed class ApiCallLogConfiguration : IEntityTypeConfiguration<ApiCallLog>
{
    public void Configure(EntityTypeBuilder<ApiCallLog> builder)
    {
        builder.Property(c => c.Path).HasMaxLength(400);
        builder.HasIndex(c => new { c.TokenId, c.At });
        builder.HasOne<ApiToken>().WithMany().HasForeignKey(c => c.TokenId).OnDelete(DeleteBehavior.Cascade);
    }
}
