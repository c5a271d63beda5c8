using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SanLing.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PhotosNotificationsSignOffAsOfAppeals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MonthLocks_TownId_Month",
                table: "MonthLocks");

            migrationBuilder.AddColumn<int>(
                name: "AppealPeriodDays",
                table: "Towns",
                type: "int",
                nullable: false,
                defaultValue: 7);

            migrationBuilder.AddColumn<int>(
                name: "SubjectId",
                table: "MonthLocks",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UnlockReason",
                table: "MonthLocks",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UnlockedAt",
                table: "MonthLocks",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UnlockedBy",
                table: "MonthLocks",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ResubmittedAt",
                table: "Inspections",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnReason",
                table: "Inspections",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReturnedAt",
                table: "Inspections",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnedBy",
                table: "Inspections",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReviewState",
                table: "Inspections",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "AnswersAppealId",
                table: "EvaluationRuns",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "EvaluationRuns",
                type: "int",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "Appeals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RunId = table.Column<int>(type: "int", nullable: false),
                    SubjectId = table.Column<int>(type: "int", nullable: false),
                    FiledAs = table.Column<int>(type: "int", nullable: false),
                    FiledByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    FiledBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    FiledOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    AgainstVeto = table.Column<bool>(type: "bit", nullable: false),
                    VerdictBefore = table.Column<int>(type: "int", nullable: false),
                    VerdictAfter = table.Column<int>(type: "int", nullable: true),
                    VetoBefore = table.Column<bool>(type: "bit", nullable: false),
                    VetoAfter = table.Column<bool>(type: "bit", nullable: true),
                    Status = table.Column<int>(type: "int", nullable: false),
                    Decision = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DecidedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    CorrectionRunId = table.Column<int>(type: "int", nullable: true),
                    TownId = table.Column<int>(type: "int", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    UpdatedBy = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Appeals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Appeals_EvaluationRuns_CorrectionRunId",
                        column: x => x.CorrectionRunId,
                        principalTable: "EvaluationRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Appeals_EvaluationRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "EvaluationRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Appeals_Subjects_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Subjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FindingPhotos",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FindingId = table.Column<int>(type: "int", nullable: false),
                    Stage = table.Column<int>(type: "int", nullable: false),
                    StoredName = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Width = table.Column<int>(type: "int", nullable: false),
                    Height = table.Column<int>(type: "int", nullable: false),
                    Bytes = table.Column<long>(type: "bigint", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UploadedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Latitude = table.Column<double>(type: "float", nullable: true),
                    Longitude = table.Column<double>(type: "float", nullable: true),
                    TownId = table.Column<int>(type: "int", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    UpdatedBy = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FindingPhotos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FindingPhotos_Findings_FindingId",
                        column: x => x.FindingId,
                        principalTable: "Findings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TownId = table.Column<int>(type: "int", nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Args = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    Link = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    DedupeKey = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    DigestedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TownId = table.Column<int>(type: "int", nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Channel = table.Column<int>(type: "int", nullable: false),
                    Address = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: false),
                    DigestDay = table.Column<DateOnly>(type: "date", nullable: false),
                    ItemCount = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    LastError = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AppealEvidence",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AppealId = table.Column<int>(type: "int", nullable: false),
                    FileName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    StoredName = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    TownId = table.Column<int>(type: "int", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    UpdatedBy = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppealEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AppealEvidence_Appeals_AppealId",
                        column: x => x.AppealId,
                        principalTable: "Appeals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AppealItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AppealId = table.Column<int>(type: "int", nullable: false),
                    ItemCode = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    Before = table.Column<int>(type: "int", nullable: false),
                    After = table.Column<int>(type: "int", nullable: true),
                    TownId = table.Column<int>(type: "int", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    UpdatedBy = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppealItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AppealItems_Appeals_AppealId",
                        column: x => x.AppealId,
                        principalTable: "Appeals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRuns_AnswersAppealId",
                table: "EvaluationRuns",
                column: "AnswersAppealId");

            migrationBuilder.CreateIndex(
                name: "IX_AppealEvidence_AppealId",
                table: "AppealEvidence",
                column: "AppealId");

            migrationBuilder.CreateIndex(
                name: "IX_AppealEvidence_TownId",
                table: "AppealEvidence",
                column: "TownId");

            migrationBuilder.CreateIndex(
                name: "IX_AppealItems_AppealId_ItemCode",
                table: "AppealItems",
                columns: new[] { "AppealId", "ItemCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AppealItems_TownId",
                table: "AppealItems",
                column: "TownId");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_CorrectionRunId",
                table: "Appeals",
                column: "CorrectionRunId");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_RunId",
                table: "Appeals",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_SubjectId_RunId",
                table: "Appeals",
                columns: new[] { "SubjectId", "RunId" });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_TownId",
                table: "Appeals",
                column: "TownId");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_TownId_Status",
                table: "Appeals",
                columns: new[] { "TownId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_FindingPhotos_FindingId_Stage",
                table: "FindingPhotos",
                columns: new[] { "FindingId", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_FindingPhotos_StoredName",
                table: "FindingPhotos",
                column: "StoredName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FindingPhotos_TownId",
                table: "FindingPhotos",
                column: "TownId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_TownId_DigestedAt",
                table: "Notifications",
                columns: new[] { "TownId", "DigestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_TownId_UserId_DedupeKey",
                table: "Notifications",
                columns: new[] { "TownId", "UserId", "DedupeKey" },
                unique: true,
                filter: "[DedupeKey] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_TownId_UserId_ReadAt",
                table: "Notifications",
                columns: new[] { "TownId", "UserId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Status_NextAttemptAt",
                table: "OutboxMessages",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_TownId_UserId_Channel_DigestDay",
                table: "OutboxMessages",
                columns: new[] { "TownId", "UserId", "Channel", "DigestDay" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_EvaluationRuns_Appeals_AnswersAppealId",
                table: "EvaluationRuns",
                column: "AnswersAppealId",
                principalTable: "Appeals",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

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
                name: "FK_EvaluationRuns_Appeals_AnswersAppealId",
                table: "EvaluationRuns");

            migrationBuilder.DropForeignKey(
                name: "FK_MonthLocks_Subjects_SubjectId",
                table: "MonthLocks");

            migrationBuilder.DropTable(
                name: "AppealEvidence");

            migrationBuilder.DropTable(
                name: "AppealItems");

            migrationBuilder.DropTable(
                name: "FindingPhotos");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "Appeals");

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

            migrationBuilder.DropIndex(
                name: "IX_EvaluationRuns_AnswersAppealId",
                table: "EvaluationRuns");

            migrationBuilder.DropColumn(
                name: "AppealPeriodDays",
                table: "Towns");

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

            migrationBuilder.DropColumn(
                name: "AnswersAppealId",
                table: "EvaluationRuns");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "EvaluationRuns");

            migrationBuilder.CreateIndex(
                name: "IX_MonthLocks_TownId_Month",
                table: "MonthLocks",
                columns: new[] { "TownId", "Month" },
                unique: true);
        }
    }
}
