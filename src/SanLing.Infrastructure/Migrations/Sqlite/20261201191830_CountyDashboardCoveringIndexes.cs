using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SanLing.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CountyDashboardCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Inspections_TownId_Month",
                table: "Inspections");

            migrationBuilder.CreateIndex(
                name: "IX_Inspections_TownId_Month_Status_GridId_SubjectId",
                table: "Inspections",
                columns: new[] { "TownId", "Month", "Status", "GridId", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationResults_RunId_Kind_Verdict",
                table: "EvaluationResults",
                columns: new[] { "RunId", "Kind", "Verdict" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Inspections_TownId_Month_Status_GridId_SubjectId",
                table: "Inspections");

            migrationBuilder.DropIndex(
                name: "IX_EvaluationResults_RunId_Kind_Verdict",
                table: "EvaluationResults");

            migrationBuilder.CreateIndex(
                name: "IX_Inspections_TownId_Month",
                table: "Inspections",
                columns: new[] { "TownId", "Month" });
        }
    }
}
