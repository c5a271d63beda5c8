using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SanLing.Infrastructure.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CountyApiTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CountyId",
                table: "ApiTokens",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_CountyId",
                table: "ApiTokens",
                column: "CountyId");

            migrationBuilder.AddForeignKey(
                name: "FK_ApiTokens_Counties_CountyId",
                table: "ApiTokens",
                column: "CountyId",
                principalTable: "Counties",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ApiTokens_Counties_CountyId",
                table: "ApiTokens");

            migrationBuilder.DropIndex(
                name: "IX_ApiTokens_CountyId",
                table: "ApiTokens");

            migrationBuilder.DropColumn(
                name: "CountyId",
                table: "ApiTokens");
        }
    }
}
