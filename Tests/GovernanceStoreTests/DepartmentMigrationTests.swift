import Foundation
import GovernanceStore
import Postgres
import Testing

/// Migration 0011 turns the label-named departments of earlier versions into registered ones:
/// one per name at the district (or the city) above where the name was used, and every token,
/// application, push, refusal and rating refers to it by id.
@Suite struct DepartmentMigrationTests {
    static func deadline() -> ContinuousClock.Instant { .now.advanced(by: .seconds(30)) }

    @Test func labelNamedDepartmentsBecomeRegisteredOnesAtTheDistrictAbove() async throws {
        try await FreshDatabase.with(migratedThrough: 10) { database in
            _ = try await database.query(
                """
                INSERT INTO area (id, parent_id, kind, name, path) VALUES
                 ('00000000-0000-0000-0000-000000000001', NULL, 'city', '市', 'c1'),
                 ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001', 'district', '区', 'c1.d1'),
                 ('00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-000000000002', 'street', '街道', 'c1.d1.s1'),
                 ('00000000-0000-0000-0000-000000000004', '00000000-0000-0000-0000-000000000003', 'community', '社区', 'c1.d1.s1.m1');
                """, deadline: Self.deadline())
            _ = try await database.query(
                """
                INSERT INTO api_token (id, token_hash, role, area_id, area_path, label, expires_at) VALUES
                 ('10000000-0000-0000-0000-000000000001', 'a', 'department', '00000000-0000-0000-0000-000000000003', 'c1.d1.s1', '民政局', now()),
                 ('10000000-0000-0000-0000-000000000002', 'b', 'department', '00000000-0000-0000-0000-000000000001', 'c1', NULL, now()),
                 ('10000000-0000-0000-0000-000000000003', 'c', 'admin', '00000000-0000-0000-0000-000000000001', 'c1', '民政局', now())
                """, deadline: Self.deadline())
            _ = try await database.query(
                """
                INSERT INTO admission_application (id, department, applicant_token_id, area_id, area_path, title, description, category,
                                                   legal_basis, starts_on, ends_on, workload_hours_per_month)
                VALUES ('20000000-0000-0000-0000-000000000001', '民政局', '10000000-0000-0000-0000-000000000001',
                        '00000000-0000-0000-0000-000000000003', 'c1.d1.s1', 't', 'd', 'statutory_duty', 'l', '2026-01-01', '2026-12-31', 1)
                """, deadline: Self.deadline())
            _ = try await database.query(
                """
                INSERT INTO admission_assignment (id, application_id, community_id, area_path, department, assigned_on)
                VALUES ('30000000-0000-0000-0000-000000000001', '20000000-0000-0000-0000-000000000001',
                        '00000000-0000-0000-0000-000000000004', 'c1.d1.s1.m1', '民政局', '2026-02-01')
                """, deadline: Self.deadline())
            _ = try await database.query(
                """
                INSERT INTO admission_refusal (id, community_id, area_path, department, description, refused_on) VALUES
                 ('40000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000004', 'c1.d1.s1.m1', '民政局', 'x', '2026-02-02'),
                 ('40000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000004', 'c1.d1.s1.m1', '  ', 'y', '2026-02-03')
                """, deadline: Self.deadline())
            _ = try await database.query(
                """
                INSERT INTO department_rating (id, community_id, area_path, department, year, score)
                VALUES ('50000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000004', 'c1.d1.s1.m1', '民政局', 2026, 4)
                """, deadline: Self.deadline())

            try await Migrator(client: database, migrations: try GovernanceMigrations.all())
                .apply(deadline: Self.deadline())

            let departments = try await database.query(
                "SELECT name, level, area_path::text AS path FROM department ORDER BY path, name",
                deadline: Self.deadline()
            ).map {
                "\(try $0.decode("name", as: String.self))|\(try $0.decode("level", as: String.self))|\(try $0.decode("path", as: String.self))"
            }
            #expect(
                departments == [
                    "department:10000000-0000-0000-0000-000000000002|city|c1", "未命名部门|district|c1.d1",
                    "民政局|district|c1.d1",
                ])
            let civil = try await database.query(
                "SELECT id FROM department WHERE name = '民政局'", deadline: Self.deadline())[0].decode(
                    "id", as: UUID.self)
            let references = try await database.query(
                """
                SELECT (SELECT department_id FROM api_token WHERE id = '10000000-0000-0000-0000-000000000001') AS token,
                       (SELECT department_id FROM admission_application) AS application,
                       (SELECT department_id FROM admission_assignment) AS assignment,
                       (SELECT department_id FROM admission_refusal WHERE id = '40000000-0000-0000-0000-000000000001') AS refusal,
                       (SELECT department_id FROM department_rating) AS rating,
                       (SELECT department_id IS NULL FROM api_token WHERE role = 'admin') AS admin_unbound
                """, deadline: Self.deadline())[0]
            for column in ["token", "application", "assignment", "refusal", "rating"] {
                #expect(try references.decode(column, as: UUID.self) == civil, "\(column)")
            }
            #expect(try references.decode("admin_unbound", as: Bool.self))
        }
    }
}
