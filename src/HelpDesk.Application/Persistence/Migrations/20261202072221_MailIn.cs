using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HelpDesk.Application.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MailIn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "bounce_reason",
                table: "outbox_messages",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "bounced_at",
                table: "outbox_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "in_reply_to",
                table: "outbox_messages",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "references",
                table: "outbox_messages",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reply_to",
                table: "outbox_messages",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "follows_reference",
                table: "complaints",
                type: "character varying(26)",
                maxLength: 26,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "mailboxes",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    host = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    port = table.Column<int>(type: "integer", nullable: false),
                    security = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    user_name = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    protected_password = table.Column<string>(type: "text", nullable: false),
                    folder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    department_id = table.Column<int>(type: "integer", nullable: false),
                    complaint_type_id = table.Column<int>(type: "integer", nullable: false),
                    reply_address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    last_error_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mailboxes", x => x.id);
                    table.ForeignKey(
                        name: "fk_mailboxes_complaint_types_complaint_type_id",
                        column: x => x.complaint_type_id,
                        principalTable: "complaint_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_mailboxes_departments_department_id",
                        column: x => x.department_id,
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "case_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    complaint_id = table.Column<long>(type: "bigint", nullable: false),
                    author = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    channel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    from_address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    from_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    subject = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    text = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    full_text = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    email_message_id = table.Column<string>(type: "character varying(998)", maxLength: 998, nullable: true),
                    references = table.Column<string>(type: "character varying(3992)", maxLength: 3992, nullable: true),
                    mailbox_id = table.Column<int>(type: "integer", nullable: true),
                    outbox_message_id = table.Column<Guid>(type: "uuid", nullable: true),
                    refused = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_messages_complaints_complaint_id",
                        column: x => x.complaint_id,
                        principalTable: "complaints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_case_messages_mailboxes_mailbox_id",
                        column: x => x.mailbox_id,
                        principalTable: "mailboxes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_case_messages_outbox_messages_outbox_message_id",
                        column: x => x.outbox_message_id,
                        principalTable: "outbox_messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "mail_failures",
                columns: table => new
                {
                    mailbox_id = table.Column<int>(type: "integer", nullable: false),
                    message_key = table.Column<string>(type: "character varying(998)", maxLength: 998, nullable: false),
                    subject = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    sender = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    last_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    set_aside_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mail_failures", x => new { x.mailbox_id, x.message_key });
                    table.ForeignKey(
                        name: "fk_mail_failures_mailboxes_mailbox_id",
                        column: x => x.mailbox_id,
                        principalTable: "mailboxes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "mail_receipts",
                columns: table => new
                {
                    mailbox_id = table.Column<int>(type: "integer", nullable: false),
                    message_key = table.Column<string>(type: "character varying(998)", maxLength: 998, nullable: false),
                    outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    complaint_id = table.Column<long>(type: "bigint", nullable: true),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    handled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mail_receipts", x => new { x.mailbox_id, x.message_key });
                    table.ForeignKey(
                        name: "fk_mail_receipts_complaints_complaint_id",
                        column: x => x.complaint_id,
                        principalTable: "complaints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_mail_receipts_mailboxes_mailbox_id",
                        column: x => x.mailbox_id,
                        principalTable: "mailboxes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_attachments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    complaint_id = table.Column<long>(type: "bigint", nullable: false),
                    case_message_id = table.Column<long>(type: "bigint", nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    length = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_attachments", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_attachments_case_messages_case_message_id",
                        column: x => x.case_message_id,
                        principalTable: "case_messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_case_attachments_complaints_complaint_id",
                        column: x => x.complaint_id,
                        principalTable: "complaints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_case_attachments_case_message_id",
                table: "case_attachments",
                column: "case_message_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_attachments_complaint_id",
                table: "case_attachments",
                column: "complaint_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_messages_complaint_id_at",
                table: "case_messages",
                columns: new[] { "complaint_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_case_messages_email_message_id",
                table: "case_messages",
                column: "email_message_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_messages_mailbox_id",
                table: "case_messages",
                column: "mailbox_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_messages_outbox_message_id",
                table: "case_messages",
                column: "outbox_message_id");

            migrationBuilder.CreateIndex(
                name: "ix_mail_receipts_complaint_id",
                table: "mail_receipts",
                column: "complaint_id");

            migrationBuilder.CreateIndex(
                name: "ix_mail_receipts_mailbox_id_handled_at",
                table: "mail_receipts",
                columns: new[] { "mailbox_id", "handled_at" });

            migrationBuilder.CreateIndex(
                name: "ix_mailboxes_complaint_type_id",
                table: "mailboxes",
                column: "complaint_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_mailboxes_department_id",
                table: "mailboxes",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_mailboxes_name",
                table: "mailboxes",
                column: "name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_attachments");

            migrationBuilder.DropTable(
                name: "mail_failures");

            migrationBuilder.DropTable(
                name: "mail_receipts");

            migrationBuilder.DropTable(
                name: "case_messages");

            migrationBuilder.DropTable(
                name: "mailboxes");

            migrationBuilder.DropColumn(
                name: "bounce_reason",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "bounced_at",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "in_reply_to",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "references",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "reply_to",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "follows_reference",
                table: "complaints");
        }
    }
}
