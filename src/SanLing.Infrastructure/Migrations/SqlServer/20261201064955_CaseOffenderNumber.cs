using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SanLing.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CaseOffenderNumber : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OffenderNumber",
                table: "Cases",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_TownId_OffenderNumber",
                table: "Cases",
                columns: new[] { "TownId", "OffenderNumber" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_TownId_OffenderNumber",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "OffenderNumber",
                table: "Cases");
        }
    }
}
