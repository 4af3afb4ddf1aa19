using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Application.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PublicForms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "default_department_id",
                table: "complaint_types",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_complaint_types_default_department_id",
                table: "complaint_types",
                column: "default_department_id");

            migrationBuilder.AddForeignKey(
                name: "fk_complaint_types_departments_default_department_id",
                table: "complaint_types",
                column: "default_department_id",
                principalTable: "departments",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_complaint_types_departments_default_department_id",
                table: "complaint_types");

            migrationBuilder.DropIndex(
                name: "ix_complaint_types_default_department_id",
                table: "complaint_types");

            migrationBuilder.DropColumn(
                name: "default_department_id",
                table: "complaint_types");
        }
    }
}
