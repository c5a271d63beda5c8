using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SanLing.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Appeals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AppealPeriodDays",
                table: "Towns",
                type: "int",
                nullable: false,
                defaultValue: 7);

            migrationBuilder.AddColumn<int>(
                name: "AnswersAppealId",
                table: "EvaluationRuns",
                type: "int",
                nullable: true);

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

            migrationBuilder.AddForeignKey(
                name: "FK_EvaluationRuns_Appeals_AnswersAppealId",
                table: "EvaluationRuns",
                column: "AnswersAppealId",
                principalTable: "Appeals",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_EvaluationRuns_Appeals_AnswersAppealId",
                table: "EvaluationRuns");

            migrationBuilder.DropTable(
                name: "AppealEvidence");

            migrationBuilder.DropTable(
                name: "AppealItems");

            migrationBuilder.DropTable(
                name: "Appeals");

            migrationBuilder.DropIndex(
                name: "IX_EvaluationRuns_AnswersAppealId",
                table: "EvaluationRuns");

            migrationBuilder.DropColumn(
                name: "AppealPeriodDays",
                table: "Towns");

            migrationBuilder.DropColumn(
                name: "AnswersAppealId",
                table: "EvaluationRuns");
        }
    }
}
