using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SanLing.Infrastructure.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Counties : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CountyId",
                table: "Towns",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CountyId",
                table: "AspNetUsers",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Counties",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AllowsTownVariants = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Counties", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Towns_CountyId",
                table: "Towns",
                column: "CountyId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_CountyId",
                table: "AspNetUsers",
                column: "CountyId");

            migrationBuilder.CreateIndex(
                name: "IX_Counties_Code",
                table: "Counties",
                column: "Code",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUsers_Counties_CountyId",
                table: "AspNetUsers",
                column: "CountyId",
                principalTable: "Counties",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Towns_Counties_CountyId",
                table: "Towns",
                column: "CountyId",
                principalTable: "Counties",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AspNetUsers_Counties_CountyId",
                table: "AspNetUsers");

            migrationBuilder.DropForeignKey(
                name: "FK_Towns_Counties_CountyId",
                table: "Towns");

            migrationBuilder.DropTable(
                name: "Counties");

            migrationBuilder.DropIndex(
                name: "IX_Towns_CountyId",
                table: "Towns");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_CountyId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "CountyId",
                table: "Towns");

            migrationBuilder.DropColumn(
                name: "CountyId",
                table: "AspNetUsers");
        }
    }
}
