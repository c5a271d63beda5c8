using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SanLing.Domain.Notifications;
using SanLing.Domain.Supervision;

namespace SanLing.Infrastructure.Data.Configurations;

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.UserId).HasMaxLength(450);
        builder.Property(n => n.Args).HasMaxLength(2000);
        builder.Property(n => n.Link).HasMaxLength(DeliveryRules.LinkMaxLength);
        builder.Property(n => n.DedupeKey).HasMaxLength(DeliveryRules.DedupeKeyMaxLength);
        // The bell's count and the list: a user's items, unread first.
        builder.HasIndex(n => new { n.TownId, n.UserId, n.ReadAt });
        // A reminder happens once per person: the job may run twice, the database keeps one.
        builder.HasIndex(n => new { n.TownId, n.UserId, n.DedupeKey }).IsUnique();
        // The digest step finds what has not gone out yet.
        builder.HasIndex(n => new { n.TownId, n.DigestedAt });
    }
}

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.Property(m => m.Address).HasMaxLength(DeliveryRules.AddressMaxLength);
        builder.Property(m => m.Subject).HasMaxLength(DeliveryRules.SubjectMaxLength);
        builder.Property(m => m.Body).HasMaxLength(8000);
        builder.Property(m => m.LastError).HasMaxLength(DeliveryRules.ErrorMaxLength);
        // One digest a day per person per channel.
        builder.HasIndex(m => new { m.TownId, m.UserId, m.Channel, m.DigestDay }).IsUnique();
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
    }
}
