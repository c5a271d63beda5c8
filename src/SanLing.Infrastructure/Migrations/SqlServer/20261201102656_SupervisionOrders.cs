using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SanLing.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SupervisionOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CardEscalateAfterDays",
                table: "Towns",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "CardYellowWithinDays",
                table: "Towns",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "EscalatedDisputes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FindingId = table.Column<int>(type: "int", nullable: false),
                    SubjectId = table.Column<int>(type: "int", nullable: false),
                    Stage = table.Column<int>(type: "int", nullable: false),
                    ReportedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AcceptedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AcceptedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    AssignedTo = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    AssignedToUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    AssignedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    LimitDays = table.Column<int>(type: "int", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Outcome = table.Column<int>(type: "int", nullable: true),
                    ConclusionNote = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ConcludedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ConcludedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Satisfaction = table.Column<int>(type: "int", nullable: true),
                    VerificationNote = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    VerifiedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    VerifiedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ReturnCount = table.Column<int>(type: "int", nullable: false),
                    TownId = table.Column<int>(type: "int", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    UpdatedBy = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EscalatedDisputes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EscalatedDisputes_Findings_FindingId",
                        column: x => x.FindingId,
                        principalTable: "Findings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EscalatedDisputes_Subjects_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Subjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionOrders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Source = table.Column<int>(type: "int", nullable: false),
                    SubjectId = table.Column<int>(type: "int", nullable: false),
                    FindingId = table.Column<int>(type: "int", nullable: true),
                    PetitionId = table.Column<int>(type: "int", nullable: true),
                    GridId = table.Column<int>(type: "int", nullable: true),
                    Month = table.Column<DateOnly>(type: "date", nullable: true),
                    AssigneeKind = table.Column<int>(type: "int", nullable: false),
                    AssigneeUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    AssigneeName = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Instruction = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    LimitDays = table.Column<int>(type: "int", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    Answer = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AnsweredBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ReturnReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ReturnCount = table.Column<int>(type: "int", nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    TownId = table.Column<int>(type: "int", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    UpdatedBy = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionOrders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupervisionOrders_Findings_FindingId",
                        column: x => x.FindingId,
                        principalTable: "Findings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupervisionOrders_Grids_GridId",
                        column: x => x.GridId,
                        principalTable: "Grids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupervisionOrders_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupervisionOrders_Subjects_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Subjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TownHolidays",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    TownId = table.Column<int>(type: "int", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    UpdatedBy = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TownHolidays", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EscalatedDisputes_FindingId",
                table: "EscalatedDisputes",
                column: "FindingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EscalatedDisputes_SubjectId",
                table: "EscalatedDisputes",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_EscalatedDisputes_TownId",
                table: "EscalatedDisputes",
                column: "TownId");

            migrationBuilder.CreateIndex(
                name: "IX_EscalatedDisputes_TownId_Stage_DueOn",
                table: "EscalatedDisputes",
                columns: new[] { "TownId", "Stage", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionOrders_AssigneeUserId",
                table: "SupervisionOrders",
                column: "AssigneeUserId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionOrders_FindingId",
                table: "SupervisionOrders",
                column: "FindingId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionOrders_GridId",
                table: "SupervisionOrders",
                column: "GridId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionOrders_PetitionId",
                table: "SupervisionOrders",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionOrders_SubjectId",
                table: "SupervisionOrders",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionOrders_TownId",
                table: "SupervisionOrders",
                column: "TownId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionOrders_TownId_Status_DueOn",
                table: "SupervisionOrders",
                columns: new[] { "TownId", "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_TownHolidays_TownId",
                table: "TownHolidays",
                column: "TownId");

            migrationBuilder.CreateIndex(
                name: "IX_TownHolidays_TownId_Date",
                table: "TownHolidays",
                columns: new[] { "TownId", "Date" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EscalatedDisputes");

            migrationBuilder.DropTable(
                name: "SupervisionOrders");

            migrationBuilder.DropTable(
                name: "TownHolidays");

            migrationBuilder.DropColumn(
                name: "CardEscalateAfterDays",
                table: "Towns");

            migrationBuilder.DropColumn(
                name: "CardYellowWithinDays",
                table: "Towns");
        }
    }
}
