using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SanLing.Infrastructure.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CountyRuleSetsAndApiTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RuleSets_TownId_Year",
                table: "RuleSets");

            migrationBuilder.AddColumn<int>(
                name: "CountyRuleSetId",
                table: "RuleSets",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CountyId",
                table: "ApiTokens",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CountyRuleSets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CountyId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    VillageCommunityTarget = table.Column<decimal>(type: "numeric(5,4)", precision: 5, scale: 4, nullable: false),
                    EnterpriseUnitTarget = table.Column<decimal>(type: "numeric(5,4)", precision: 5, scale: 4, nullable: false),
                    DerivedFromId = table.Column<int>(type: "integer", nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CountyRuleSets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CountyRuleSets_Counties_CountyId",
                        column: x => x.CountyId,
                        principalTable: "Counties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CountyRuleSets_CountyRuleSets_DerivedFromId",
                        column: x => x.DerivedFromId,
                        principalTable: "CountyRuleSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CountyRuleSetItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CountyRuleSetId = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Standard = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    JudgingForVillageCommunity = table.Column<int>(type: "integer", nullable: false),
                    JudgingForEnterpriseUnit = table.Column<int>(type: "integer", nullable: false),
                    AppliesTo = table.Column<int>(type: "integer", nullable: false),
                    AllowsNotApplicable = table.Column<bool>(type: "boolean", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CountyRuleSetItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CountyRuleSetItems_CountyRuleSets_CountyRuleSetId",
                        column: x => x.CountyRuleSetId,
                        principalTable: "CountyRuleSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RuleSets_CountyRuleSetId",
                table: "RuleSets",
                column: "CountyRuleSetId");

            migrationBuilder.CreateIndex(
                name: "IX_RuleSets_TownId_CountyRuleSetId",
                table: "RuleSets",
                columns: new[] { "TownId", "CountyRuleSetId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RuleSets_TownId_Year",
                table: "RuleSets",
                columns: new[] { "TownId", "Year" },
                unique: true,
                filter: "\"CountyRuleSetId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_CountyId",
                table: "ApiTokens",
                column: "CountyId");

            migrationBuilder.CreateIndex(
                name: "IX_CountyRuleSetItems_CountyRuleSetId_Code",
                table: "CountyRuleSetItems",
                columns: new[] { "CountyRuleSetId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CountyRuleSets_CountyId_Year",
                table: "CountyRuleSets",
                columns: new[] { "CountyId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CountyRuleSets_DerivedFromId",
                table: "CountyRuleSets",
                column: "DerivedFromId");

            migrationBuilder.AddForeignKey(
                name: "FK_ApiTokens_Counties_CountyId",
                table: "ApiTokens",
                column: "CountyId",
                principalTable: "Counties",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_RuleSets_CountyRuleSets_CountyRuleSetId",
                table: "RuleSets",
                column: "CountyRuleSetId",
                principalTable: "CountyRuleSets",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ApiTokens_Counties_CountyId",
                table: "ApiTokens");

            migrationBuilder.DropForeignKey(
                name: "FK_RuleSets_CountyRuleSets_CountyRuleSetId",
                table: "RuleSets");

            migrationBuilder.DropTable(
                name: "CountyRuleSetItems");

            migrationBuilder.DropTable(
                name: "CountyRuleSets");

            migrationBuilder.DropIndex(
                name: "IX_RuleSets_CountyRuleSetId",
                table: "RuleSets");

            migrationBuilder.DropIndex(
                name: "IX_RuleSets_TownId_CountyRuleSetId",
                table: "RuleSets");

            migrationBuilder.DropIndex(
                name: "IX_RuleSets_TownId_Year",
                table: "RuleSets");

            migrationBuilder.DropIndex(
                name: "IX_ApiTokens_CountyId",
                table: "ApiTokens");

            migrationBuilder.DropColumn(
                name: "CountyRuleSetId",
                table: "RuleSets");

            migrationBuilder.DropColumn(
                name: "CountyId",
                table: "ApiTokens");

            migrationBuilder.CreateIndex(
                name: "IX_RuleSets_TownId_Year",
                table: "RuleSets",
                columns: new[] { "TownId", "Year" },
                unique: true);
        }
    }
}
