using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SanLing.Domain.Common;
using SanLing.Domain.Supervision;

namespace SanLing.Infrastructure.Data.Configurations;

public sealed class SupervisionOrderConfiguration : IEntityTypeConfiguration<SupervisionOrder>
{
    public void Configure(EntityTypeBuilder<SupervisionOrder> builder)
    {
        builder.Property(o => o.AssigneeUserId).HasMaxLength(450);
        builder.Property(o => o.AssigneeName).HasMaxLength(SupervisionRules.NameMaxLength);
        builder.Property(o => o.Instruction).HasMaxLength(SupervisionRules.InstructionMaxLength);
        builder.Property(o => o.Answer).HasMaxLength(SupervisionRules.AnswerMaxLength);
        builder.Property(o => o.AnsweredBy).HasMaxLength(256);
        builder.Property(o => o.ReturnReason).HasMaxLength(SupervisionRules.ReasonMaxLength);
        builder.Property(o => o.ClosedBy).HasMaxLength(256);
        builder.Ignore(o => o.IsWaitingForAnswer);
        builder.HasOne(o => o.Subject).WithMany().HasForeignKey(o => o.SubjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(o => o.Finding).WithMany().HasForeignKey(o => o.FindingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(o => o.Petition).WithMany().HasForeignKey(o => o.PetitionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(o => o.Grid).WithMany().HasForeignKey(o => o.GridId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(o => new { o.TownId, o.Status, o.DueOn });
        builder.HasIndex(o => o.AssigneeUserId);
    }
}

public sealed class EscalatedDisputeConfiguration : IEntityTypeConfiguration<EscalatedDispute>
{
    public void Configure(EntityTypeBuilder<EscalatedDispute> builder)
    {
        builder.Property(d => d.AcceptedBy).HasMaxLength(256);
        builder.Property(d => d.AssignedTo).HasMaxLength(EscalatedDisputeRules.AssignedToMaxLength);
        builder.Property(d => d.AssignedToUserId).HasMaxLength(450);
        builder.Property(d => d.ConclusionNote).HasMaxLength(EscalatedDisputeRules.NoteMaxLength);
        builder.Property(d => d.ConcludedBy).HasMaxLength(256);
        builder.Property(d => d.VerificationNote).HasMaxLength(EscalatedDisputeRules.NoteMaxLength);
        builder.Property(d => d.VerifiedBy).HasMaxLength(256);
        builder.HasOne(d => d.Finding).WithMany().HasForeignKey(d => d.FindingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(d => d.Subject).WithMany().HasForeignKey(d => d.SubjectId).OnDelete(DeleteBehavior.Restrict);
        // One flow per escalated finding: accepting twice (two tabs) is refused by the database.
        builder.HasIndex(d => d.FindingId).IsUnique();
        builder.HasIndex(d => new { d.TownId, d.Stage, d.DueOn });
    }
}

public sealed class TownHolidayConfiguration : IEntityTypeConfiguration<TownHoliday>
{
    public void Configure(EntityTypeBuilder<TownHoliday> builder)
    {
        builder.Property(h => h.Name).HasMaxLength(TownHoliday.NameMaxLength);
        builder.HasIndex(h => new { h.TownId, h.Date }).IsUnique();
    }
}
