import Foundation
import Governance
import GovernanceOpenAPI

// Consultation, disclosure and conventions: generated types ⇄ domain types.

extension Components.Schemas.ConsultationPlan {
    init(_ plan: ConsultationPlan) throws {
        self.init(
            subject: plan.subject,
            participants: try plan.participants.map {
                .init(constituency: try bridged($0.constituency), count: $0.count)
            },
            form: try plan.form.map { try bridged($0) }, scheduledOn: plan.scheduledOn?.description, venue: plan.venue,
            materials: plan.materials)
    }

    func domain() throws -> ConsultationPlan {
        ConsultationPlan(
            subject: subject,
            participants: try (participants ?? []).enumerated().map { index, group in
                ParticipantGroup(
                    constituency: try parseEnum(
                        ConsultationConstituency.self, group.constituency.rawValue,
                        field: "plan/participants/\(index)/constituency"), count: group.count)
            },
            form: try form.map { try parseEnum(ConsultationForm.self, $0.rawValue, field: "plan/form") },
            scheduledOn: try scheduledOn.map { try parseDay($0, field: "plan/scheduledOn") }, venue: venue,
            materials: materials)
    }
}

extension Components.Schemas.ConsultationResult {
    init(_ result: ConsultationResult) throws {
        self.init(
            outcome: try bridged(result.outcome), adoption: try result.adoption.map { try bridged($0) },
            summary: result.summary, reason: result.reason, recordedOn: result.recordedOn.description)
    }
}

extension Components.Schemas.ConsultationProgressEntry {
    init(recordedOn: CalendarDay, _ progress: ConsultationProgress) throws {
        self.init(
            recordedOn: recordedOn.description, note: progress.note, actionKind: try bridged(progress.actionKind),
            actionRef: progress.actionRef)
    }
}

extension ConsultationTopic {
    /// The progress entries with their days.
    var progressEntries: [(CalendarDay, ConsultationProgress)] {
        entries.compactMap { if case .progress(let progress) = $0.content { ($0.recordedOn, progress) } else { nil } }
    }
}

extension Components.Schemas.ConsultationTopic {
    init(_ topic: ConsultationTopic, language: Language) throws {
        self.init(
            id: topic.id.lowercasedString, ownerAreaId: topic.ownerAreaId.lowercasedString,
            ownerLevel: topic.communityIds.count > 1 ? .street : .community,
            communityIds: topic.communityIds.map(\.lowercasedString), title: topic.title,
            description: topic.description, category: try bridged(topic.category),
            proposer: try bridged(topic.proposer),
            proposerCount: topic.proposerCount, technical: topic.technical, reservedToMeeting: topic.reservedToMeeting,
            procedureRef: topic.procedureRef, flow: try bridged(topic.flow), status: try bridged(topic.status),
            plan: try topic.plan.map(Components.Schemas.ConsultationPlan.init),
            planPublishedOn: topic.planPublishedOn?.description,
            participantsNotifiedOn: topic.participantsNotifiedOn?.description,
            result: try topic.result.map(Components.Schemas.ConsultationResult.init),
            resultPublishedOn: topic.resultPublishedOn?.description,
            meetingDecisionId: topic.meetingDecisionId?.lowercasedString, decisionPassed: topic.decisionPassed,
            evaluation: try topic.evaluation.map {
                .init(
                    evaluatorType: try bridged($0.evaluatorType), rating: $0.rating, summary: $0.summary,
                    evaluatedOn: $0.evaluatedOn.description)
            }, closingReason: topic.closingReason,
            sessions: try topic.entries.compactMap { entry in
                guard case .session(let session) = entry.content else { return nil }
                return .init(
                    heldOn: entry.recordedOn.description, form: try bridged(session.form),
                    attendance: try session.attendance.map {
                        .init(constituency: try bridged($0.constituency), count: $0.count)
                    }, opinions: session.opinions,
                    votes: session.votes.map { .init(yes: $0.yes, no: $0.no, abstain: $0.abstain) })
            },
            assessments: try topic.entries.compactMap { entry in
                guard case .assessment(let assessment) = entry.content else { return nil }
                return .init(
                    recordedOn: entry.recordedOn.description, kind: try bridged(assessment.kind),
                    assessor: assessment.assessor, summary: assessment.summary)
            },
            progress: try topic.progressEntries.map { try .init(recordedOn: $0.0, $0.1) },
            warnings: topic.warnings.map { .init($0, language: language) }, version: topic.version,
            createdAt: topic.createdAt)
    }
}

extension Components.Schemas.PublicConsultation {
    /// What the public board shows: no names, no opinions, no attendance.
    init(_ topic: ConsultationTopic) throws {
        self.init(
            id: topic.id.lowercasedString, title: topic.title, description: topic.description,
            category: try bridged(topic.category), status: try bridged(topic.status),
            form: try topic.plan?.form.map { try bridged($0) }, scheduledOn: topic.plan?.scheduledOn?.description,
            venue: topic.plan?.venue, planPublishedOn: topic.planPublishedOn?.description,
            result: topic.resultPublishedOn == nil
                ? nil : try topic.result.map(Components.Schemas.ConsultationResult.init),
            resultPublishedOn: topic.resultPublishedOn?.description,
            progress: try topic.progressEntries.map { try .init(recordedOn: $0.0, $0.1) })
    }
}

extension Components.Schemas.ConsultationBody {
    init(_ body: ConsultationBody, role: Role) throws {
        self.init(
            id: body.id.lowercasedString, areaId: body.areaId.lowercasedString, name: body.name,
            kind: try bridged(body.kind), establishedOn: body.establishedOn.description,
            members: try body.members.map {
                .init(
                    name: role.seesPersonalData ? $0.name : Masking.name($0.name),
                    constituency: try bridged($0.constituency))
            }, constituencies: Set(body.members.map(\.constituency)).count, version: body.version)
    }
}

extension Components.Schemas.ConsultationCatalogue {
    init(_ catalogue: ConsultationCatalogue) throws {
        self.init(
            id: catalogue.id.lowercasedString, areaId: catalogue.areaId.lowercasedString, number: catalogue.number,
            items: try catalogue.items.map {
                .init(category: try bridged($0.category), matter: $0.matter, reservedToMeeting: $0.reservedToMeeting)
            }, publishedOn: catalogue.publishedOn.description)
    }
}

extension Components.Schemas.Disclosure {
    init(_ item: Disclosure) throws {
        self.init(
            id: item.id.lowercasedString, areaId: item.areaId.lowercasedString, category: try bridged(item.category),
            title: item.title, periodFrom: item.periodFrom.description, periodTo: item.periodTo.description,
            content: item.content, financeLines: try item.financeLines.map(Components.Schemas.FinanceLine.init),
            balanceFen: item.balanceFen, channels: try item.channels.map { try bridged($0) }, major: item.major,
            occurredOn: item.occurredOn?.description, publishedOn: item.publishedOn.description,
            takeDownOn: item.takeDownOn?.description, reviewerMemberId: item.reviewerMemberId?.lowercasedString,
            reviewedOn: item.reviewedOn?.description, corrects: item.corrects?.lowercasedString,
            sourceType: item.sourceType, sourceId: item.sourceId?.lowercasedString, createdAt: item.createdAt)
    }
}

extension Components.Schemas.PublicDisclosure {
    init(_ item: Disclosure) throws {
        self.init(
            id: item.id.lowercasedString, category: try bridged(item.category), title: item.title,
            periodFrom: item.periodFrom.description, periodTo: item.periodTo.description, content: item.content,
            financeLines: try item.financeLines.map(Components.Schemas.FinanceLine.init), balanceFen: item.balanceFen,
            publishedOn: item.publishedOn.description, reviewed: item.reviewedOn != nil,
            corrects: item.corrects?.lowercasedString)
    }
}

extension Components.Schemas.FinanceLine {
    init(_ line: FinanceLine) throws {
        self.init(direction: try bridged(line.direction), item: line.item, amountFen: line.amountFen)
    }

    func domain(index: Int) throws -> FinanceLine {
        FinanceLine(
            direction: try parseEnum(
                FinanceLine.Direction.self, direction.rawValue, field: "financeLines/\(index)/direction"), item: item,
            amountFen: amountFen)
    }
}

extension Components.Schemas.ConventionDraft {
    init(_ draft: ConventionDraft) throws {
        self.init(
            name: draft.name, body: draft.body, deliberatingBody: try draft.deliberatingBody.map { try bridged($0) },
            effectiveOn: draft.effectiveOn?.description,
            clauses: try draft.clauses.map {
                .init(number: $0.number, text: $0.text, sanction: try $0.sanction.map { try bridged($0) })
            })
    }

    func domain() throws -> ConventionDraft {
        ConventionDraft(
            name: name, body: body,
            deliberatingBody: try deliberatingBody.map {
                try parseEnum(MeetingKind.self, $0.rawValue, field: "draft/deliberatingBody")
            }, effectiveOn: try effectiveOn.map { try parseDay($0, field: "draft/effectiveOn") },
            clauses: try (clauses ?? []).enumerated().map { index, clause in
                ConventionClause(
                    number: clause.number, text: clause.text,
                    sanction: try clause.sanction.map {
                        try parseEnum(SanctionKind.self, $0.rawValue, field: "draft/clauses/\(index)/sanction")
                    })
            })
    }
}

extension Components.Schemas.Convention {
    init(_ convention: Convention, today: CalendarDay, filingDays: Int, role: Role, language: Language) throws {
        let stage = convention.stage(on: today)
        let order = ConventionStage.allCases
        self.init(
            id: convention.id.lowercasedString, areaId: convention.areaId.lowercasedString,
            kind: try bridged(convention.kind), draft: try .init(convention.draft),
            revises: convention.revises?.lowercasedString,
            consultationTopicId: convention.consultationTopicId?.lowercasedString,
            opinionsSolicitedOn: convention.opinionsSolicitedOn?.description,
            status: try bridged(convention.status(on: today)), stage: try bridged(stage),
            stagesReached: try order.prefix(through: order.firstIndex(of: stage)!).map { try bridged($0) },
            legalityReview: try convention.legalityReview.map { review in
                .init(
                    reviewerType: try bridged(review.reviewerType), passed: review.passed,
                    findings: try review.findings.map {
                        .init(kind: try bridged($0.kind), clause: $0.clause, note: $0.note)
                    }, reasons: review.reasons, reviewedOn: review.reviewedOn.description)
            }, meetingDecisionId: convention.meetingDecisionId?.lowercasedString,
            adoptedOn: convention.adoptedOn?.description, filedWith: convention.filedWith?.lowercasedString,
            filedOn: convention.filedOn?.description, publishedOn: convention.publishedOn?.description,
            supersededOn: convention.supersededOn?.description,
            records: try convention.records.map {
                .init(
                    id: $0.id.lowercasedString, kind: try bridged($0.kind), clause: $0.clause,
                    subjectName: $0.subjectName.map { role.seesPersonalData ? $0 : Masking.name($0) }, note: $0.note,
                    supervisorMemberId: $0.supervisorMemberId?.lowercasedString, recordedOn: $0.recordedOn.description)
            }, warnings: convention.warnings(on: today, filingDays: filingDays).map { .init($0, language: language) },
            version: convention.version, createdAt: convention.createdAt)
    }
}
