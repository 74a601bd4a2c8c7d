package import Foundation
package import Governance
package import GovernanceStore

/// `grassroots seed --city`: a whole city for the statistics benchmarks, deterministic from a
/// seed number — areas, residents with sealed personal data, committees and the elections that
/// seated them, grid posts, mediation cases over five years.
package struct CitySeeder: Sendable {
    let store: Store
    let seeds: CitySeedRepository

    /// Creates the seeder.
    package init(store: Store) {
        self.store = store
        self.seeds = CitySeedRepository(store: store)
    }

    /// Residents inserted per statement.
    static let batchSize = 5000

    /// Seeds the city of `seed` in the given shape (a second run with the same seed finds the
    /// city and adds nothing twice); `progress` hears each step. Returns the city's id.
    package func seed(
        _ seed: Int, shape: CitySeedRepository.Shape, today: CalendarDay, progress: (String) -> Void
    ) async throws -> UUID {
        let started = ContinuousClock.now
        func step(_ text: String) {
            progress("\(text) (\(started.duration(to: .now).formatted(.units(allowed: [.seconds]))))")
        }
        let city = try await seeds.areas(seed: seed, shape: shape)
        step("areas")
        let grids = try await seeds.grids(cityPath: city.path)
        if city.created {
            var batch: [CitySeedRepository.Resident] = []
            batch.reserveCapacity(Self.batchSize)
            var index = 0
            for grid in grids {
                for _ in 0..<shape.residentsPerGrid {
                    batch.append(resident(seed: seed, index: index, grid: grid))
                    index += 1
                    if batch.count == Self.batchSize {
                        try await seeds.insert(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
            }
            if !batch.isEmpty { try await seeds.insert(batch) }
            step("\(index) residents")
        }
        try await seeds.governance(seed: seed, cityPath: city.path)
        step("committees, elections, grid posts")
        try await seeds.mediationCases(seed: seed, cityPath: city.path, perGrid: shape.casesPerGrid, today: today)
        step("mediation cases")
        try await seeds.departmentsAndAdmission(seed: seed, cityPath: city.path, today: today)
        step("departments, ratings and admitted items")
        // The statistics' caches as the service's refresher would leave them, so that a
        // benchmark right after the seed measures what a running service serves.
        let statistics = StatisticsRepository(store: store)
        try await statistics.compactRollups(deadline: .now.advanced(by: .seconds(1800)))
        try await statistics.refreshCommunityFacts(today: today, deadline: .now.advanced(by: .seconds(1800)))
        step("statistics caches")
        return city.id
    }

    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢")
    static let givenNames = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰")

    /// The `index`th resident: a name, an ID number unique in the city (its region and sequence
    /// code the index) with a valid check character, a unique mobile number.
    func resident(seed: Int, index: Int, grid: (id: UUID, path: String)) -> CitySeedRepository.Resident {
        let birthYear = 1940 + (index * 7 + seed) % 68
        let month = 1 + index % 12
        let day = 1 + (index / 12) % 28
        let region = 110_101 + index / 1000
        let digits =
            String(region) + String(birthYear) + String(format: "%02d%02d", month, day)
            + String(format: "%03d", index % 1000)
        let idNumber = digits + String(ResidentIDNumber.checkCharacter(for: digits) ?? "0")
        let name =
            String(Self.surnames[index % Self.surnames.count])
            + String(Self.givenNames[(index / Self.surnames.count) % Self.givenNames.count])
        return CitySeedRepository.Resident(
            id: CitySeedRepository.residentID(seed, index), gridId: grid.id, gridPath: grid.path, name: name,
            gender: index % 2 == 0 ? "male" : "female", birthYear: birthYear,
            phone: "13" + String(format: "%09d", index), idNumber: idNumber, keys: store.keys)
    }
}
