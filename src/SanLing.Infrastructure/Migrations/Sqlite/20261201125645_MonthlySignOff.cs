using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SanLing.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MonthlySignOff : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MonthLocks_TownId_Month",
                table: "MonthLocks");

            migrationBuilder.AddColumn<int>(
                name: "SubjectId",
                table: "MonthLocks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UnlockReason",
                table: "MonthLocks",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "UnlockedAt",
                table: "MonthLocks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UnlockedBy",
                table: "MonthLocks",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ResubmittedAt",
                table: "Inspections",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnReason",
                table: "Inspections",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReturnedAt",
                table: "Inspections",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnedBy",
                table: "Inspections",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReviewState",
                table: "Inspections",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_MonthLocks_SubjectId",
                table: "MonthLocks",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_MonthLocks_TownId_Month",
                table: "MonthLocks",
                columns: new[] { "TownId", "Month" },
                unique: true,
                filter: "[SubjectId] IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_MonthLocks_TownId_SubjectId_Month",
                table: "MonthLocks",
                columns: new[] { "TownId", "SubjectId", "Month" },
                unique: true,
                filter: "[SubjectId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Inspections_TownId_ReviewState",
                table: "Inspections",
                columns: new[] { "TownId", "ReviewState" });

            migrationBuilder.AddForeignKey(
                name: "FK_MonthLocks_Subjects_SubjectId",
                table: "MonthLocks",
                column: "SubjectId",
                principalTable: "Subjects",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_MonthLocks_Subjects_SubjectId",
                table: "MonthLocks");

            migrationBuilder.DropIndex(
                name: "IX_MonthLocks_SubjectId",
                table: "MonthLocks");

            migrationBuilder.DropIndex(
                name: "IX_MonthLocks_TownId_Month",
                table: "MonthLocks");

            migrationBuilder.DropIndex(
                name: "IX_MonthLocks_TownId_SubjectId_Month",
                table: "MonthLocks");

            migrationBuilder.DropIndex(
                name: "IX_Inspections_TownId_ReviewState",
                table: "Inspections");

            migrationBuilder.DropColumn(
                name: "SubjectId",
                table: "MonthLocks");

            migrationBuilder.DropColumn(
                name: "UnlockReason",
                table: "MonthLocks");

            migrationBuilder.DropColumn(
                name: "UnlockedAt",
                table: "MonthLocks");

            migrationBuilder.DropColumn(
                name: "UnlockedBy",
                table: "MonthLocks");

            migrationBuilder.DropColumn(
                name: "ResubmittedAt",
                table: "Inspections");

            migrationBuilder.DropColumn(
                name: "ReturnReason",
                table: "Inspections");

            migrationBuilder.DropColumn(
                name: "ReturnedAt",
                table: "Inspections");

            migrationBuilder.DropColumn(
                name: "ReturnedBy",
                table: "Inspections");

            migrationBuilder.DropColumn(
                name: "ReviewState",
                table: "Inspections");

            migrationBuilder.CreateIndex(
                name: "IX_MonthLocks_TownId_Month",
                table: "MonthLocks",
                columns: new[] { "TownId", "Month" },
                unique: true);
        }
    }
}
