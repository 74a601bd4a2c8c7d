extension Person {
    /// The person as answers show them to `role`: phone and ID number always masked (a full
    /// value is an audited act of its own, `PersonalData`), and the birth year only for roles
    /// whose work handles personal data (PIPL Art. 6: only what the work needs).
    public func visible(to role: Role) -> Person {
        Person(
            id: id, residenceAreaId: residenceAreaId, areaPath: areaPath, name: name, gender: gender,
            birthYear: role.seesPersonalData ? birthYear : nil, ethnicity: ethnicity,
            partyMember: partyMember, buildingId: buildingId, unitId: unitId, phone: phone.map(Masking.phone),
            idNumber: Masking.idNumber(idNumber), version: version, createdAt: createdAt, updatedAt: updatedAt)
    }
}
