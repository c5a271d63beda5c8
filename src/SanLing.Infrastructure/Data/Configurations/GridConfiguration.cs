using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Identity;

namespace SanLing.Infrastructure.Data.Configurations;

public sealed class GridConfiguration : IEntityTypeConfiguration<Grid>
{
    public void Configure(EntityTypeBuilder<Grid> builder)
    {
        builder.Property(g => g.Code).HasMaxLength(GridRules.CodeMaxLength);
        builder.Property(g => g.Name).HasMaxLength(GridRules.NameMaxLength);
        builder.Property(g => g.WorkerName).HasMaxLength(GridRules.WorkerNameMaxLength);
        builder.Property(g => g.WorkerPhone).HasMaxLength(GridRules.WorkerPhoneMaxLength);
        builder.Ignore(g => g.HasWorker);

        builder.HasOne(g => g.Subject).WithMany(s => s.Grids).HasForeignKey(g => g.SubjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(g => g.WorkerUserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(g => new { g.TownId, g.Code }).IsUnique();
    }
}
