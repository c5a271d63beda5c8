using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SanLing.Infrastructure.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CountyRevisionsAndDashboardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Inspections_TownId_Month",
                table: "Inspections");

            migrationBuilder.DropIndex(
                name: "IX_CountyRuleSets_CountyId_Year",
                table: "CountyRuleSets");

            migrationBuilder.AddColumn<int>(
                name: "CountyRevision",
                table: "RuleSets",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "CountyRuleSets",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "RevisionReason",
                table: "CountyRuleSets",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SupersedesId",
                table: "CountyRuleSets",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Inspections_TownId_Month_Status_GridId_SubjectId",
                table: "Inspections",
                columns: new[] { "TownId", "Month", "Status", "GridId", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationResults_RunId_Kind_Verdict",
                table: "EvaluationResults",
                columns: new[] { "RunId", "Kind", "Verdict" });

            migrationBuilder.CreateIndex(
                name: "IX_CountyRuleSets_CountyId_Year_Revision",
                table: "CountyRuleSets",
                columns: new[] { "CountyId", "Year", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CountyRuleSets_SupersedesId",
                table: "CountyRuleSets",
                column: "SupersedesId");

            migrationBuilder.AddForeignKey(
                name: "FK_CountyRuleSets_CountyRuleSets_SupersedesId",
                table: "CountyRuleSets",
                column: "SupersedesId",
                principalTable: "CountyRuleSets",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CountyRuleSets_CountyRuleSets_SupersedesId",
                table: "CountyRuleSets");

            migrationBuilder.DropIndex(
                name: "IX_Inspections_TownId_Month_Status_GridId_SubjectId",
                table: "Inspections");

            migrationBuilder.DropIndex(
                name: "IX_EvaluationResults_RunId_Kind_Verdict",
                table: "EvaluationResults");

            migrationBuilder.DropIndex(
                name: "IX_CountyRuleSets_CountyId_Year_Revision",
                table: "CountyRuleSets");

            migrationBuilder.DropIndex(
                name: "IX_CountyRuleSets_SupersedesId",
                table: "CountyRuleSets");

            migrationBuilder.DropColumn(
                name: "CountyRevision",
                table: "RuleSets");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "CountyRuleSets");

            migrationBuilder.DropColumn(
                name: "RevisionReason",
                table: "CountyRuleSets");

            migrationBuilder.DropColumn(
                name: "SupersedesId",
                table: "CountyRuleSets");

            migrationBuilder.CreateIndex(
                name: "IX_Inspections_TownId_Month",
                table: "Inspections",
                columns: new[] { "TownId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_CountyRuleSets_CountyId_Year",
                table: "CountyRuleSets",
                columns: new[] { "CountyId", "Year" },
                unique: true);
        }
    }
}
