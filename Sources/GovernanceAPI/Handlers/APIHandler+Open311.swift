import Foundation
import Governance
import GovernanceOpenAPI
import GovernanceServices
import GovernanceStore
import OpenAPIRuntime

// Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2): its field names, its status
// values and its error format, over the grid events (README: "Open311").

extension APIHandler {
    func listOpen311Services(_ input: Operations.ListOpen311Services.Input) async throws
        -> Operations.ListOpen311Services.Output
    {
        let catalogue = try await gridEventService.publicCatalogue(
            cityId: try parseFilterID(input.query.jurisdictionId, field: "jurisdiction_id"),
            deadline: request.deadline)
        return .ok(.init(body: .json(catalogue.map(Components.Schemas.Open311Service.init))))
    }

    func listOpen311Requests(_ input: Operations.ListOpen311Requests.Input) async throws
        -> Operations.ListOpen311Requests.Output
    {
        let query = input.query
        let ids = try query.serviceRequestId.map { text in
            try parseIDBatch(
                text.split(separator: ",", omittingEmptySubsequences: false).map(String.init),
                field: "service_request_id") ?? []
        }
        if let from = query.startDate, let to = query.endDate, to < from {
            throw DomainError.validation([
                .init(
                    field: "end_date", code: "before_start",
                    message: LocalizedText(zh: "结束时间早于开始时间。", en: "end_date is before start_date."))
            ])
        }
        let found = try await gridEventService.publicList(
            cityId: try parseFilterID(query.jurisdictionId, field: "jurisdiction_id"), ids: ids,
            category: query.serviceCode?.rawValue, from: query.startDate, to: query.endDate,
            open: query.status.map { $0 == .open }, now: Date(), deadline: request.deadline)
        return .ok(
            .init(body: .json(found.events.map { .init($0, sensitive: found.sensitive.contains($0.category)) })))
    }

    func createOpen311Request(_ input: Operations.CreateOpen311Request.Input) async throws
        -> Operations.CreateOpen311Request.Output
    {
        guard case .urlEncodedForm(let form) = input.body else { throw DomainError.validation([]) }
        let context = try CallContext.current()
        _ = try parseFilterID(form.jurisdictionId, field: "jurisdiction_id")  // the token's area decides
        var validator = FieldValidator()
        validator.length("address_string", form.addressString, max: 50)
        validator.length("first_name", form.firstName, max: 20)
        validator.length("last_name", form.lastName, max: 29)
        validator.length("description", form.description, max: 2000)
        validator.notBlank("description", form.description)
        validator.length("email", form.email, min: 0, max: 200)
        validator.length("device_id", form.deviceId, min: 0, max: 200)
        validator.length("account_id", form.accountId, min: 0, max: 200)
        if (form.lat == nil) != (form.long == nil) {
            validator.fail("lat", "lat_long_together", zh: "经纬度须同时给出。", en: "Give lat and long together.")
        }
        try validator.check()
        let name = [form.lastName, form.firstName].compactMap { $0 }.joined()
        let new = NewGridEvent(
            areaId: try parseFilterID(form.addressId, field: "address_id") ?? context.principal.scopeAreaId,
            source: .residentReport, category: form.serviceCode.rawValue, riskLevel: nil,
            description: form.description ?? form.serviceCode.rawValue,
            location: GridEventLocation(
                unit: form.addressString,
                point: form.lat.flatMap { lat in
                    form.long.map { GeoPoint(latitude: lat, longitude: $0, system: "wgs84") }
                }),
            reporterName: name.isEmpty ? nil : name, reporterPhone: form.phone,
            anonymous: name.isEmpty && form.phone == nil, photoIds: form.mediaUrl.map { [$0] } ?? [])
        // Residents do not grade hazards: a hazard comes in at medium until the community assesses it.
        let created = try await gridEventService.create(new, unassessedRisk: "medium", context: context)
        return .created(
            .init(
                body: .json([
                    .init(
                        serviceRequestId: created.event.id.lowercasedString,
                        serviceNotice: "已受理，社区将在办理后回复。", accountId: form.accountId, token: created.replyToken)
                ])))
    }

    func getOpen311Request(_ input: Operations.GetOpen311Request.Input) async throws
        -> Operations.GetOpen311Request.Output
    {
        let file = input.path.requestFile
        guard file.hasSuffix(".json") else { throw DomainError.notFound("service_request") }
        let found = try await gridEventService.publicGet(
            try parseID(String(file.dropLast(".json".count)), resource: "service_request"),
            deadline: request.deadline)
        return .ok(.init(body: .json([.init(found.event, sensitive: found.sensitive)])))
    }
}

extension Components.Schemas.Open311Service {
    /// A catalogue entry as an Open311 service.
    init(_ category: GridEventCategory) {
        self.init(
            serviceCode: category.code, serviceName: category.nameZh,
            description:
                "\(category.nameEn); \(category.timeLimitDays) \(category.dayKind == .working ? "working" : "calendar") days",
            metadata: false, _type: .realtime, keywords: category.nameEn.lowercased(),
            group: category.defaultTier.rawValue)
    }
}

extension Components.Schemas.Open311Request {
    /// The public view of an event: category, status, place; no reporter, no text for
    /// sensitive categories.
    init(_ event: GridEvent, sensitive: Bool) {
        self.init(
            serviceRequestId: event.id.lowercasedString, status: event.status.isOpen ? .open : .closed,
            statusNotes: event.status.isOpen ? event.status.rawValue : (event.closedReason ?? event.status.rawValue),
            serviceName: event.category, serviceCode: event.category,
            description: sensitive ? nil : event.description, requestedDatetime: event.createdAt,
            updatedDatetime: event.steps.last?.at ?? event.createdAt, address: event.location.unit,
            addressId: event.areaId.lowercasedString, lat: event.location.point?.latitude,
            long: event.location.point?.longitude, mediaUrl: event.photoIds.first)
    }
}
