extension Person {
    /// The person as `role` may see them: phone and ID number in full only for roles whose work
    /// needs them (PIPL Art. 6), masked for the others.
    public func visible(to role: Role) -> Person {
        guard !role.seesPersonalData else { return self }
        return Person(
            id: id, residenceAreaId: residenceAreaId, areaPath: areaPath, name: name, gender: gender,
            birthYear: birthYear, ethnicity: ethnicity,
            partyMember: partyMember, buildingId: buildingId, unitId: unitId, phone: phone.map(Masking.phone),
            idNumber: Masking.idNumber(idNumber), version: version, createdAt: createdAt, updatedAt: updatedAt)
    }
}
