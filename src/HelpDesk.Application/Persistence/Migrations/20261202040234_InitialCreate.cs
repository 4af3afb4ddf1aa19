using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using HelpDesk.Application.Persistence.Sql;
using NpgsqlTypes;

#nullable disable

namespace HelpDesk.Application.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "business_calendars",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    time_zone_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    weekly_hours = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_business_calendars", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "configuration_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    actor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    before = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    after = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    applied_to_open_cases = table.Column<bool>(type: "boolean", nullable: false),
                    cases_recomputed = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_configuration_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "kpi_targets",
                columns: table => new
                {
                    measure = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    target = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kpi_targets", x => x.measure);
                });

            migrationBuilder.CreateTable(
                name: "message_templates",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_templates", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "periodic_reviews",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    period_kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    period_end = table.Column<DateOnly>(type: "date", nullable: false),
                    reviewed_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    reviewed_by_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_periodic_reviews", x => x.id);
                    table.CheckConstraint("ck_periodic_reviews_period", "period_end >= period_start");
                });

            migrationBuilder.CreateTable(
                name: "policy_versions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    number = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    approved_on = table.Column<DateOnly>(type: "date", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    changelog = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    visibility = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reference_counters",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    last_value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reference_counters", x => x.year);
                });

            migrationBuilder.CreateTable(
                name: "staff_roles",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "suggestions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    form_token = table.Column<Guid>(type: "uuid", nullable: true),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    recorded_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    explanation = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    reviewed_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    reviewed_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    public_suggestion = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    public_change = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    published_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_suggestions", x => x.id);
                    table.CheckConstraint("ck_suggestions_published_adopted", "published_at IS NULL OR status = 'Adopted'");
                    table.CheckConstraint("ck_suggestions_reviewed", "(status = 'Received') = (explanation IS NULL AND reviewed_at IS NULL)");
                });

            migrationBuilder.CreateTable(
                name: "calendar_holidays",
                columns: table => new
                {
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    calendar_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendar_holidays", x => new { x.calendar_id, x.date });
                    table.ForeignKey(
                        name: "fk_calendar_holidays_business_calendars_calendar_id",
                        column: x => x.calendar_id,
                        principalTable: "business_calendars",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "staff_role_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    role_id = table.Column<string>(type: "text", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_staff_role_claims_staff_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "staff_roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_action_receipts",
                columns: table => new
                {
                    action_id = table.Column<Guid>(type: "uuid", nullable: false),
                    complaint_id = table.Column<long>(type: "bigint", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_action_receipts", x => x.action_id);
                });

            migrationBuilder.CreateTable(
                name: "case_resolutions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    complaint_id = table.Column<long>(type: "bigint", nullable: false),
                    resolved_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    department_id = table.Column<int>(type: "integer", nullable: true),
                    met_deadline = table.Column<bool>(type: "boolean", nullable: false),
                    at_first_contact = table.Column<bool>(type: "boolean", nullable: false),
                    satisfaction = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_resolutions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "complaint_types",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    default_department_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_complaint_types", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sla_rules",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    complaint_type_id = table.Column<int>(type: "integer", nullable: true),
                    priority = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    calendar_id = table.Column<int>(type: "integer", nullable: false),
                    acknowledge = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    resolve = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    follow_up = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    is_retired = table.Column<bool>(type: "boolean", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sla_rules", x => x.id);
                    table.ForeignKey(
                        name: "fk_sla_rules_business_calendars_calendar_id",
                        column: x => x.calendar_id,
                        principalTable: "business_calendars",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sla_rules_complaint_types_complaint_type_id",
                        column: x => x.complaint_type_id,
                        principalTable: "complaint_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "complaints",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    reference = table.Column<string>(type: "character varying(26)", maxLength: 26, nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    channel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    complaint_type_id = table.Column<int>(type: "integer", nullable: false),
                    priority = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    logged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    logged_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    customer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    customer_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    customer_phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    customer_postal_address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    acknowledge_due = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolve_due = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    follow_up_due = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    followed_up_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolution_paused = table.Column<bool>(type: "boolean", nullable: false),
                    next_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    department_id = table.Column<int>(type: "integer", nullable: true),
                    assignee_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    escalation_tier = table.Column<int>(type: "integer", nullable: false),
                    acknowledgement_method = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    expected_response_by = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolution_outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    resolution_analysis = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    resolution_response = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    resolution_communicated_by = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    resolved_at_first_contact = table.Column<bool>(type: "boolean", nullable: false),
                    follow_up_contact_made = table.Column<bool>(type: "boolean", nullable: true),
                    satisfaction = table.Column<int>(type: "integer", nullable: true),
                    follow_up_comments = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reopen_count = table.Column<int>(type: "integer", nullable: false),
                    acknowledged_in_business_minutes = table.Column<int>(type: "integer", nullable: true),
                    resolved_in_business_minutes = table.Column<int>(type: "integer", nullable: true),
                    acknowledgement_breached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolution_breached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    follow_up_breached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledgement_warned_for = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolution_warned_for = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    follow_up_warned_for = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    customer_phone_digits = table.Column<string>(type: "text", nullable: true, computedColumnSql: "regexp_replace(customer_phone, '[^0-9]', '', 'g')", stored: true),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: true, computedColumnSql: "setweight(to_tsvector('simple'::regconfig, translate(reference, '-', ' ')), 'A') || setweight(to_tsvector('simple'::regconfig, coalesce(customer_name, '') || ' ' || coalesce(customer_email, '') || ' ' || coalesce(customer_phone, '')), 'A') || setweight(to_tsvector('simple'::regconfig, subject), 'B') || setweight(to_tsvector('simple'::regconfig, description), 'C')", stored: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    deadlines = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_complaints", x => x.id);
                    table.ForeignKey(
                        name: "fk_complaints_complaint_types_complaint_type_id",
                        column: x => x.complaint_type_id,
                        principalTable: "complaint_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    template_key = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    case_id = table.Column<long>(type: "bigint", nullable: true),
                    recipient_address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    recipient_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    subject = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    text_body = table.Column<string>(type: "text", nullable: false),
                    html_body = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    claimed_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    claim_token = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_outbox_messages_complaints_case_id",
                        column: x => x.case_id,
                        principalTable: "complaints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "survey_responses",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    complaint_id = table.Column<long>(type: "bigint", nullable: false),
                    csat = table.Column<int>(type: "integer", nullable: false),
                    nps = table.Column<int>(type: "integer", nullable: true),
                    comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_responses", x => x.id);
                    table.CheckConstraint("ck_survey_responses_csat", "csat BETWEEN 1 AND 5");
                    table.CheckConstraint("ck_survey_responses_nps", "nps IS NULL OR nps BETWEEN 0 AND 10");
                    table.ForeignKey(
                        name: "fk_survey_responses_complaints_complaint_id",
                        column: x => x.complaint_id,
                        principalTable: "complaints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "timeline_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    complaint_id = table.Column<long>(type: "bigint", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    actor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    summary = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    visible_to_customer = table.Column<bool>(type: "boolean", nullable: false),
                    old_value = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    new_value = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    old_instant = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    new_instant = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    department_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    assignee_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_timeline_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_timeline_events_complaints_complaint_id",
                        column: x => x.complaint_id,
                        principalTable: "complaints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "delivery_attempts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    outbox_message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    attempted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    worker = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_delivery_attempts", x => x.id);
                    table.ForeignKey(
                        name: "fk_delivery_attempts_outbox_messages_outbox_message_id",
                        column: x => x.outbox_message_id,
                        principalTable: "outbox_messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "departments",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    supervisor_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_departments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "staff_users",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    display_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    department_id = table.Column<int>(type: "integer", nullable: true),
                    must_change_password = table.Column<bool>(type: "boolean", nullable: false),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: true),
                    security_stamp = table.Column<string>(type: "text", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true),
                    phone_number = table.Column<string>(type: "text", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    access_failed_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_users", x => x.id);
                    table.ForeignKey(
                        name: "fk_staff_users_departments_department_id",
                        column: x => x.department_id,
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "staff_user_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_staff_user_claims_staff_users_user_id",
                        column: x => x.user_id,
                        principalTable: "staff_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "staff_user_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    provider_key = table.Column<string>(type: "text", nullable: false),
                    provider_display_name = table.Column<string>(type: "text", nullable: true),
                    user_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_staff_user_logins_staff_users_user_id",
                        column: x => x.user_id,
                        principalTable: "staff_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "staff_user_roles",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    role_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_staff_user_roles_staff_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "staff_roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_staff_user_roles_staff_users_user_id",
                        column: x => x.user_id,
                        principalTable: "staff_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "staff_user_tokens",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_staff_user_tokens_staff_users_user_id",
                        column: x => x.user_id,
                        principalTable: "staff_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_business_calendars_name",
                table: "business_calendars",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_case_action_receipts_complaint_id",
                table: "case_action_receipts",
                column: "complaint_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_resolutions_complaint_id",
                table: "case_resolutions",
                column: "complaint_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_resolutions_department_id",
                table: "case_resolutions",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_resolutions_resolved_at",
                table: "case_resolutions",
                column: "resolved_at");

            migrationBuilder.CreateIndex(
                name: "ix_complaint_types_default_department_id",
                table: "complaint_types",
                column: "default_department_id");

            migrationBuilder.CreateIndex(
                name: "ix_complaint_types_name",
                table: "complaint_types",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_complaints_assignee_id",
                table: "complaints",
                column: "assignee_id");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_complaint_type_id",
                table: "complaints",
                column: "complaint_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_customer_phone_digits",
                table: "complaints",
                column: "customer_phone_digits");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_department_id",
                table: "complaints",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_kpi_undecided",
                table: "complaints",
                column: "received_at",
                filter: "acknowledged_at IS NULL OR resolved_at IS NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "department_id", "channel", "complaint_type_id", "acknowledge_due", "acknowledged_at", "resolve_due", "resolved_at", "resolution_paused" });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_kpis",
                table: "complaints",
                column: "received_at")
                .Annotation("Npgsql:IndexInclude", new[] { "department_id", "kind", "channel", "complaint_type_id", "acknowledge_due", "acknowledged_at", "resolve_due", "resolved_at", "resolution_paused", "resolved_at_first_contact", "reopen_count", "satisfaction", "acknowledged_in_business_minutes", "resolved_in_business_minutes", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_next_due_at",
                table: "complaints",
                column: "next_due_at",
                filter: "next_due_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_overdue",
                table: "complaints",
                columns: new[] { "next_due_at", "id" },
                filter: "status <> 'Closed'")
                .Annotation("Npgsql:IndexInclude", new[] { "department_id", "complaint_type_id", "assignee_id" });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_queue_all",
                table: "complaints",
                columns: new[] { "next_due_at", "id" },
                filter: "status <> 'Closed'");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_queue_assignee",
                table: "complaints",
                columns: new[] { "assignee_id", "next_due_at", "id" },
                filter: "status <> 'Closed'");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_queue_department",
                table: "complaints",
                columns: new[] { "department_id", "next_due_at", "id" },
                filter: "status <> 'Closed'");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_queue_escalated",
                table: "complaints",
                columns: new[] { "next_due_at", "id" },
                filter: "status <> 'Closed' AND escalation_tier > 1");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_queue_unassigned",
                table: "complaints",
                columns: new[] { "next_due_at", "id" },
                filter: "status <> 'Closed' AND assignee_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_received_at",
                table: "complaints",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_reference",
                table: "complaints",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_complaints_resolved_at",
                table: "complaints",
                column: "resolved_at",
                filter: "resolved_at IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "assignee_id", "department_id", "resolve_due", "resolved_at_first_contact", "satisfaction", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_search_vector",
                table: "complaints",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_sweep_acknowledgement",
                table: "complaints",
                columns: new[] { "acknowledge_due", "id" },
                filter: "status <> 'Closed' AND acknowledged_at IS NULL AND acknowledgement_breached_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_sweep_follow_up",
                table: "complaints",
                columns: new[] { "follow_up_due", "id" },
                filter: "status <> 'Closed' AND follow_up_due IS NOT NULL AND followed_up_at IS NULL AND follow_up_breached_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_sweep_resolution",
                table: "complaints",
                columns: new[] { "resolve_due", "id" },
                filter: "status <> 'Closed' AND resolved_at IS NULL AND NOT resolution_paused AND resolution_breached_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_configuration_changes_at",
                table: "configuration_changes",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_delivery_attempts_outbox_message_id_attempted_at",
                table: "delivery_attempts",
                columns: new[] { "outbox_message_id", "attempted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_departments_name",
                table: "departments",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_departments_supervisor_id",
                table: "departments",
                column: "supervisor_id");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_case_id",
                table: "outbox_messages",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_created_at",
                table: "outbox_messages",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_due",
                table: "outbox_messages",
                column: "next_attempt_at",
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_message_id",
                table: "outbox_messages",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_status_created_at",
                table: "outbox_messages",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_periodic_reviews_period_kind_period_start",
                table: "periodic_reviews",
                columns: new[] { "period_kind", "period_start" });

            migrationBuilder.CreateIndex(
                name: "ix_periodic_reviews_period_kind_reviewed_at",
                table: "periodic_reviews",
                columns: new[] { "period_kind", "reviewed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_policy_versions_number",
                table: "policy_versions",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sla_rules_calendar_id",
                table: "sla_rules",
                column: "calendar_id");

            migrationBuilder.CreateIndex(
                name: "ix_sla_rules_complaint_type_id_priority",
                table: "sla_rules",
                columns: new[] { "complaint_type_id", "priority" },
                unique: true,
                filter: "NOT is_retired")
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_staff_role_claims_role_id",
                table: "staff_role_claims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "ix_staff_roles_normalized_name",
                table: "staff_roles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_staff_user_claims_user_id",
                table: "staff_user_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_staff_user_logins_user_id",
                table: "staff_user_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_staff_user_roles_role_id",
                table: "staff_user_roles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "ix_staff_users_department_id",
                table: "staff_users",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_staff_users_normalized_email",
                table: "staff_users",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "ix_staff_users_normalized_user_name",
                table: "staff_users",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_suggestions_form_token",
                table: "suggestions",
                column: "form_token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_suggestions_published_at",
                table: "suggestions",
                column: "published_at",
                filter: "published_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_suggestions_received_at_id",
                table: "suggestions",
                columns: new[] { "received_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_suggestions_status_received_at_id",
                table: "suggestions",
                columns: new[] { "status", "received_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_survey_responses_answered_at",
                table: "survey_responses",
                column: "answered_at");

            migrationBuilder.CreateIndex(
                name: "ix_survey_responses_complaint_id",
                table: "survey_responses",
                column: "complaint_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_timeline_events_complaint_id_occurred_at",
                table: "timeline_events",
                columns: new[] { "complaint_id", "occurred_at" });

            migrationBuilder.AddForeignKey(
                name: "fk_case_action_receipts_complaints_complaint_id",
                table: "case_action_receipts",
                column: "complaint_id",
                principalTable: "complaints",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_case_resolutions_complaints_complaint_id",
                table: "case_resolutions",
                column: "complaint_id",
                principalTable: "complaints",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_case_resolutions_departments_department_id",
                table: "case_resolutions",
                column: "department_id",
                principalTable: "departments",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_complaint_types_departments_default_department_id",
                table: "complaint_types",
                column: "default_department_id",
                principalTable: "departments",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "fk_complaints_departments_department_id",
                table: "complaints",
                column: "department_id",
                principalTable: "departments",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_complaints_staff_users_assignee_id",
                table: "complaints",
                column: "assignee_id",
                principalTable: "staff_users",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_departments_staff_users_supervisor_id",
                table: "departments",
                column: "supervisor_id",
                principalTable: "staff_users",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);

            // What EF Core does not model, from the files of Persistence/Sql (docs/architecture.md, "Persistence").
            migrationBuilder.Sql(SqlFiles.SearchIndexes);
            migrationBuilder.Sql(SqlFiles.KpiTotalsTables);
            migrationBuilder.Sql(SqlFiles.KpiFunctions);
            migrationBuilder.Sql(SqlFiles.KpiTriggers);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The KPI functions take rows of the cases and resolutions: they go first (their triggers with them).
            migrationBuilder.Sql("""
                DROP TABLE kpi_daily_resolution_changes, kpi_daily_resolutions, kpi_daily_changes, kpi_daily_totals, kpi_totals_state;
                DROP FUNCTION kpi_case_figures, kpi_case_resolution, kpi_resolution_survey_csat, kpi_answered_resolution,
                    kpi_resolutions_rebuild, kpi_totals_rebuild, kpi_totals_fold, kpi_totals_rebuild_after_truncate,
                    kpi_record_case_change, kpi_record_resolution_change, kpi_record_survey_change,
                    kpi_met, kpi_online, kpi_satisfied, kpi_promoter, kpi_detractor CASCADE;
                DROP INDEX ix_complaints_customer_email_lower;
                """);

            migrationBuilder.DropForeignKey(
                name: "fk_staff_users_departments_department_id",
                table: "staff_users");

            migrationBuilder.DropTable(
                name: "calendar_holidays");

            migrationBuilder.DropTable(
                name: "case_action_receipts");

            migrationBuilder.DropTable(
                name: "case_resolutions");

            migrationBuilder.DropTable(
                name: "configuration_changes");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "delivery_attempts");

            migrationBuilder.DropTable(
                name: "kpi_targets");

            migrationBuilder.DropTable(
                name: "message_templates");

            migrationBuilder.DropTable(
                name: "periodic_reviews");

            migrationBuilder.DropTable(
                name: "policy_versions");

            migrationBuilder.DropTable(
                name: "reference_counters");

            migrationBuilder.DropTable(
                name: "sla_rules");

            migrationBuilder.DropTable(
                name: "staff_role_claims");

            migrationBuilder.DropTable(
                name: "staff_user_claims");

            migrationBuilder.DropTable(
                name: "staff_user_logins");

            migrationBuilder.DropTable(
                name: "staff_user_roles");

            migrationBuilder.DropTable(
                name: "staff_user_tokens");

            migrationBuilder.DropTable(
                name: "suggestions");

            migrationBuilder.DropTable(
                name: "survey_responses");

            migrationBuilder.DropTable(
                name: "timeline_events");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "business_calendars");

            migrationBuilder.DropTable(
                name: "staff_roles");

            migrationBuilder.DropTable(
                name: "complaints");

            migrationBuilder.DropTable(
                name: "complaint_types");

            migrationBuilder.DropTable(
                name: "departments");

            migrationBuilder.DropTable(
                name: "staff_users");
        }
    }
}
