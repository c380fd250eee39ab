// name: article_figures
// title: The source article's incentive figures, counted in the graph
// description: For the region and its subtree on the day, the graph's own count of each figure the source article
//   reports for the city (GET /v1/incentives/funnel shows them side by side): cadres noted and promoted,
//   Party applications made at the front (those of medical workers sent to Wuhan, those admitted at the
//   front), posthumous honours and provincial pioneers among those who died on duty, city-level
//   commendations of medical workers, advanced individuals, the city's and counties' funds (CNY) and the
//   median community_standard money a community holds. Recognitions and applications count where they
//   are located, allocations where they go; each counts from its date on. Counts only: no person is named.
// param region: string = "320300" -- Region id whose subtree is counted (default: Xuzhou city)
// param as_of: date = null -- Day the counts are taken on, YYYY-MM-DD (null: today)
// returns: young_cadres_noted, promoted, frontline_party_applications, applications_from_wuhan_medical_workers, joined_the_party_at_the_front, posthumous_outstanding_members, medical_members_commended, advanced_individuals, pioneers_who_died_on_duty, city_funds_cny, county_funds_cny, per_community_cny
:params {region: "320300", as_of: null};
MATCH (x:Region {id: $region})
WITH x, coalesce(date($as_of), date()) AS d
CALL (x) {
  MATCH (r:Region) WHERE r.id = x.id OR r.nation_id = x.id OR r.province_id = x.id OR r.city_id = x.id OR r.county_id = x.id OR r.town_id = x.id
  RETURN collect(r) AS regions
}
CALL (regions, d) {
  UNWIND regions AS r
  MATCH (r)<-[:LOCATED_IN]-(rec:Recognition WHERE NOT coalesce(rec.voided, false))-[:RECOGNISES]->(p WHERE NOT coalesce(p.voided, false))
  WHERE rec.date <= d
  RETURN count(DISTINCT CASE WHEN rec.kind = 'noted' AND p:Cadre THEN p END) AS noted,
         count(DISTINCT CASE WHEN rec.kind = 'promoted' AND p:Cadre THEN p END) AS promoted,
         count(CASE WHEN rec.kind = 'posthumous_honour' AND rec.level = 'city' AND EXISTS { (p)<-[:DEATH_OF]-(dd:DutyDeath WHERE NOT coalesce(dd.voided, false)) } THEN 1 END) AS posthumous,
         count(CASE WHEN rec.kind = 'commended' AND rec.level = 'city' AND p:MedicalWorker THEN 1 END) AS medical_commended,
         count(CASE WHEN rec.kind = 'advanced_individual' THEN 1 END) AS advanced,
         count(CASE WHEN rec.kind = 'pioneer' AND rec.level = 'province' AND EXISTS { (p)<-[:DEATH_OF]-(dd:DutyDeath WHERE NOT coalesce(dd.voided, false)) } THEN 1 END) AS pioneers
}
CALL (regions, d) {
  UNWIND regions AS r
  MATCH (r)<-[:LOCATED_IN]-(a:PartyApplication WHERE NOT coalesce(a.voided, false))
  WHERE a.at_front AND a.submitted_on <= d
  RETURN count(a) AS applications,
         count(CASE WHEN EXISTS { (a)-[:APPLIED_BY]->(:MedicalWorker {destination: '武汉'}) } THEN 1 END) AS wuhan_medical,
         count(CASE WHEN a.joined_at_front AND a.probationary_on <= d THEN 1 END) AS joined_at_front
}
CALL (regions, d) {
  UNWIND regions AS r
  OPTIONAL MATCH (r)<-[:TO]-(a:Allocation WHERE NOT coalesce(a.voided, false))
  WHERE a.date <= d
  WITH r, sum(CASE WHEN a.fund IN ['city_party_fee', 'pengcheng_care_fund'] THEN a.amount ELSE 0 END) AS city,
       sum(CASE WHEN a.fund = 'county_party_fee' THEN a.amount ELSE 0 END) AS county,
       sum(CASE WHEN a.fund = 'community_standard' THEN a.amount ELSE 0 END) AS community
  RETURN sum(city) AS city_funds, sum(county) AS county_funds,
         percentileDisc(CASE WHEN r.kind = 'community' THEN community END, 0.5) AS per_community
}
RETURN noted AS young_cadres_noted, promoted, applications AS frontline_party_applications,
       wuhan_medical AS applications_from_wuhan_medical_workers, joined_at_front AS joined_the_party_at_the_front,
       posthumous AS posthumous_outstanding_members, medical_commended AS medical_members_commended,
       advanced AS advanced_individuals, pioneers AS pioneers_who_died_on_duty,
       city_funds AS city_funds_cny, county_funds AS county_funds_cny, per_community AS per_community_cny
