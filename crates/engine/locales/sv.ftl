# Kustannusarvio engine: Swedish (svenska). Terms from the Swedish texts of the law (Finlex:
# lagen om klientavgifter inom social- och hälsovården 734/1992, förordningen 912/1992) and the
# wellbeing services counties' Swedish pages; see the glossary in README.md.

## Units after a quantity
unit-hours = h
unit-months = mån.
unit-times = gånger
unit-care-days = vårddygn
unit-days = dygn
unit-visits = besök

## Rounding of the service hours
rounding-half_up = till närmaste hela timme, halva timmar uppåt
rounding-up = uppåt till hel timme
rounding-down = nedåt till hel timme
rounding-none = ingen avrundning

## Deductions from income
deduction-maintenance = underhållsbidrag och motsvarande
deduction-guardianship = intressebevakarens arvode
deduction-foreclosure = utmätning
deduction-compensation = gottgörelse
deduction-medicines = läkemedelskostnader
deduction-housing = boendekostnader

## Acts cited in legal references
law-client-charges-act = lagen om klientavgifter inom social- och hälsovården
law-client-charges-decree = förordningen om klientavgifter inom social- och hälsovården (912/1992)
law-service-voucher-act = lagen om servicesedlar inom social- och hälsovården
law-informal-care-act = lagen om stöd för närståendevård

## Home care and communal housing
step-hours-given = Planerade servicetimmar: { $hours } h/mån.
step-hours-from-visits = { $visits } besök per vecka × { $minutes } min = { $weekly } h/vecka; × { $weeks } veckor/mån. = { $hours } h/mån.
step-hours-rounded = Timmarna för avgiftsklassen avrundade ({ $rounding }): { $hours } h/mån.
step-home-care-percent = Betalningsprocent för { $hours } h/mån. och en familj med { $persons ->
        [one] en person
       *[other] { $persons } personer
    }: { $percent } %
step-home-care-income-limit = Inkomstgräns för en familj med { $persons ->
        [one] en person
       *[other] { $persons } personer
    }: { $limit }
step-home-care-income = Familjens bruttoinkomster { $gross } − avdrag { $deductions } = { $income }
step-home-care-fee = Den del av inkomsterna som överskrider inkomstgränsen { $over } × { $percent } % = { $unrounded } → { $fee }
step-cost-cap = Avgiften får inte överstiga kostnaderna för att producera tjänsten: { $cap }

## Income
step-income-not-given = Inkomsterna har inte uppgetts: avgiften är den högsta möjliga, dvs. kostnaden för att producera tjänsten { $cap }
step-forest-income = Beräknad skogsinkomst { $yearly } per år, varav { $percent } % beaktas per månad: { $monthly }
step-deduction = Avdrag ({ $kind }): { $amount }

## Long-term 24-hour care
step-flat-medicine = Fast avdrag för läkemedelskostnader: { $amount }
step-net-income = { $who ->
        [spouse] Makens
       *[client] Klientens
    } nettoinkomster { $income } − avdrag { $deductions } = { $net }
step-both-in-care = Båda makarna får långvarig service med heldygnsomsorg: avgiften bestäms enligt vars och ens egna inkomster
step-spouse-rule = Klientens inkomster är större än makens: { $percent } % av makarnas sammanräknade nettoinkomster { $combined } = { $fee }
step-spouse-protection = Makarna ska ha kvar minst beloppet för personligt bruk { $minimum } + { $amount } = { $keep }; avgiften är högst { $fee }
step-minimum-funds-arithmetic = Klienten ska ha kvar ett belopp för personligt bruk på { $minimum }; avgiften är högst { $net } − { $minimum } = { $fee }
step-minimum-funds = Klienten ska ha kvar ett belopp för personligt bruk på { $minimum }; avgiften är högst { $fee }
step-long-term-percent = { $percent } % av klientens nettoinkomster { $net } = { $fee }
step-long-term-fee = Månadsavgift: { $fee }

## Flat fees, the organiser's cost, informal care support
step-flat-fee = { $unit_fee } × { $quantity } { $unit } = { $fee }
step-organiser-cost = Välfärdsområdets kostnad ({ $production ->
        [purchased] köpt tjänst
       *[own] egen produktion
    }): { $price } × { $quantity } { $unit } = { $cost }
step-care-allowance = Vårdarvode inom stödet för närståendevård (vårdarvodesklass: { $class }): { $allowance } per månad; klienten betalar ingen avgift

## Support services
step-support-level = { $service } ({ $level ->
        [full] full
       *[partial] delvis
    }): { $fee } per månad
step-support-fee = { $service }: { $unit_fee } × { $units } = { $fee }
step-support-tiered-not-given = { $service }: inkomsterna har inte uppgetts → den högre avgiften { $fee } per månad
step-support-tiered = { $service }: inkomsterna { $income } är { $low ->
        [true] högst
       *[false] över
    } inkomstgränsen { $limit } → { $fee } per månad
step-support-tiered-beyond = { $service }: inkomsterna { $income } är { $low ->
        [true] högst
       *[false] över
    } inkomstgränsen { $limit } (gränsen för { $persons } personer gäller också ett större hushåll) → { $fee } per månad
step-support-delivery = { $service }: { $per_week } leveranser per vecka × { $weeks } veckor/mån. = { $per_month } leveranser/mån. × { $unit_fee } = { $fee }
step-support-with-delivery = { $service }: { $fee } + leveranser { $delivery } = { $total }
step-support-units = { $per_week } gånger per vecka × { $weeks } veckor/mån. = { $units } gånger/mån.

## Service vouchers
step-voucher-flat-value = Servicesedelns värde: { $value }
step-voucher-income-not-given = Inkomsterna har inte uppgetts: servicesedelns värde är det lägsta, { $min }
step-voucher-income-related = Servicesedelns inkomstrelaterade värde: ({ $base } − ({ $income } − { $limit }) × { $percent } % ÷ { $divisor }) × { $multiplier } = { $raw }, begränsat till { $min }…{ $max } → { $value }
step-voucher-copay = Självriskandel till serviceproducenten: ({ $price } − { $value }) × { $quantity } = { $copay }; välfärdsområdet betalar { $organiser_per_unit } × { $quantity } = { $cost } (högst producentens pris). I egen produktion vore avgiften { $ordinary }.
step-voucher-full-cover = Klienten betalar den normala avgiften { $ordinary } till välfärdsområdet; välfärdsområdet betalar producenten { $organiser_per_unit } × { $quantity } = { $cost }.
step-voucher-monthly-price = Producentens pris per månad: { $daily } × { $days } dagar = { $monthly }
step-voucher-by-net-income = Servicesedelns värde vid nettoinkomster på { $net }: { $value }
step-voucher-leave-cap = Under närståendevårdarens ledighet är självriskandelen högst { $cap }; välfärdsområdet betalar därtill { $over } till serviceproducenten

## The organisation's own fee waivers (tariff `exemptions`)
step-exemption = { $exemption }: avgiften { $waived } tas inte ut → { $fee }

## The payment ceiling
step-payment-ceiling = De avgifter som räknas in i avgiftstaket vore { $total } per år; avgiftstaket { $ceiling } nås, varefter tjänsterna är avgiftsfria (för kortvarig institutionsvård tas en avgift för uppehälle ut, sammanlagt { $after }).

## Warnings
warning-payment-ceiling = Avgiftstaket nås inom 12 månader. { $step }
warning-unverified = I beräkningen används värden i taxan som inte har bekräftats i källan: { $list }.
warning-unverified-placeholders = I beräkningen används värden i taxan som inte har bekräftats i källan: { $list }. Av dessa är följande preliminära värden som välfärdsområdet ännu inte har beslutat om: { $placeholders }.
warning-fee-reduction = Efter avgifterna återstår { $remaining } per månad för hushållet, under { $threshold }. Överväg att sätta ned avgiften eller låta bli att ta ut den (11 § i lagen om klientavgifter inom social- och hälsovården).
warning-spouse-income-not-given = Makens nettoinkomster har inte angetts. Om klienten bodde tillsammans med sin make räknas avgiften för långvarig vård på makarnas sammanräknade nettoinkomster (7 c § 2 mom. i lagen om klientavgifter inom social- och hälsovården): ange makens inkomster.
warning-spouse-income-missing = Den långvariga vården har beräknats för ett hushåll med { $persons } personer utan makens inkomster. Om klienten bodde tillsammans med sin make räknas avgiften på makarnas sammanräknade nettoinkomster och kan vara lägre (7 c § 2 mom. i lagen om klientavgifter inom social- och hälsovården): ange makens inkomster.

## Services by their codes (parameter titles)
service-home_care = Hemvård
service-communal_housing = Gemenskapsboende
service-round_the_clock_housing = Serviceboende med heldygnsomsorg
service-institutional_care = Långvarig institutionsvård
service-short_term_care = Kortvarig institutionsvård
service-day_night_care = Dag- eller nattvård
service-temporary_home_nursing = Tillfällig hemsjukvård
service-informal_care_leave = Närståendevårdarens ledighet
service-informal_care_support = Stöd för närståendevård

## Parameter titles, by where the parameter is written in the tariff
title-support = { $service }: { $what }
title-voucher = Servicesedel, { $service }: { $what }
title-price = Kostnad: { $service } ({ $production ->
        [purchased] köpt tjänst
       *[own] egen produktion
    })
title-exemption = { $exemption }: { $what }
param-support-fee_per_unit = avgift
param-support-weeks_per_month = veckor per månad
param-support-income_tiered-limit = inkomstgräns
param-support-income_tiered-low = lägre avgift
param-support-income_tiered-high = högre avgift
param-support-delivery-fee = leveransavgift
param-support-delivery-per_week = leveranser per vecka
param-support-fee_by_level = avgift ({ $level ->
        [full] full
        [partial] delvis
       *[other] { $level }
    })
param-voucher-flat_value = värde
param-voucher-days_per_month = dagar per månad
param-voucher-by_net_income = värde enligt nettoinkomsterna
param-voucher-income_related-base = grundvärde
param-voucher-income_related-percent = procentsats enligt familjens storlek
param-voucher-income_related-divisor = divisor
param-voucher-income_related-multiplier = koefficient
param-voucher-income_related-min = lägsta värde
param-voucher-income_related-max = högsta värde
param-exemption-services = tjänster
param-exemption-requires_package = tjänst som krävs i helheten
param-income-forest_income_percent = Andel av den beräknade skogsinkomsten som beaktas
param-income-guardianship_cap = Högsta avdrag för intressebevakarens arvode
param-home_care-percentages = Betalningsprocent för hemvård enligt servicetimmar och familjens storlek
param-home_care-income_limit = Inkomstgräns för hemvård enligt familjens storlek
param-home_care-hours_rounding = Avrundning av servicetimmarna i hemvården
param-home_care-weeks_per_month = Hemvård: veckotimmar omräknade till månadstimmar
param-home_care-deductions = Avdrag från inkomsterna vid avgiften för hemvård
param-home_care-cost_cap_per_hour = Högsta avgift per timme för hemvård (produktionskostnad)
param-communal_housing-percentages = Betalningsprocent för gemenskapsboende enligt servicetimmar och familjens storlek
param-communal_housing-income_limit = Inkomstgräns för gemenskapsboende enligt familjens storlek
param-communal_housing-hours_rounding = Avrundning av servicetimmarna i gemenskapsboende
param-communal_housing-weeks_per_month = Gemenskapsboende: veckotimmar omräknade till månadstimmar
param-communal_housing-deductions = Avdrag från inkomsterna vid avgiften för gemenskapsboende
param-communal_housing-cost_cap_per_hour = Högsta avgift per timme för gemenskapsboende (produktionskostnad)
param-long_term_care-client_percent = Betalningsprocent för långvarig vård
param-long_term_care-spouse_percent = Betalningsprocent för långvarig vård, regeln för makar
param-long_term_care-minimum_funds_housing = Belopp för personligt bruk, serviceboende med heldygnsomsorg
param-long_term_care-minimum_funds_institution = Belopp för personligt bruk, långvarig institutionsvård
param-long_term_care-deductions = Avdrag från nettoinkomsterna (långvarig vård)
param-long_term_care-flat_medicine_deduction_housing = Fast avdrag för läkemedelskostnader i serviceboende med heldygnsomsorg
param-long_term_care-spouse_protection_amount = Belopp som makarna får ha kvar utöver beloppet för personligt bruk (grunddelen av utkomststödet)
param-long_term_care-cost_cap_housing = Högsta avgift för serviceboende med heldygnsomsorg (produktionskostnad)
param-long_term_care-cost_cap_institution_social = Högsta avgift för institutionsservice inom socialvården
param-long_term_care-cost_cap_institution_health = Högsta avgift för långvarig institutionsvård inom hälso- och sjukvården
param-flat_fees-short_term_care_per_day = Avgift för kortvarig institutionsvård per vårddygn
param-flat_fees-short_term_care_after_ceiling_per_day = Avgift för uppehälle efter att avgiftstaket har nåtts, per vårddygn
param-flat_fees-day_night_care_per_day = Avgift för dag- eller nattvård per dygn
param-flat_fees-temporary_home_nursing_doctor_per_visit = Tillfällig hemsjukvård, läkarbesök
param-flat_fees-temporary_home_nursing_nurse_per_visit = Tillfällig hemsjukvård, besök av annan yrkesutbildad person
param-flat_fees-informal_care_leave_per_day = Avgift för tjänster under närståendevårdarens ledighet per dygn
param-payment_ceiling-yearly = Avgiftstak per kalenderår
param-payment_ceiling-counting_services = Tjänster vars avgifter räknas in i avgiftstaket
param-fee_reduction-minimum_remaining_income = Varningsgräns: hushållets nettoinkomster efter avgifterna
param-informal_care_support-minimum_allowance = Vårdarvodets minimibelopp inom stödet för närståendevård
param-informal_care_support-minimum_allowance_heavy_transition = Vårdarvodets minimibelopp under en vårdmässigt tung övergångsperiod
param-informal_care_support-classes = Vårdarvode inom stödet för närståendevård, klass: { $class }

## Errors (EngineError, written for people: the CLI's `message` in the language asked)
error-invalid_input = Felaktig uppgift: { $problem }
error-field = { $field }: { $problem }
error-unknown_service = { $field }: okänd tjänst ”{ $service }”
error-not_in_force = Taxans värde { $parameter } har inget värde som gäller { $date }
error-tariff = Fel i taxefilen { $file }: { $detail }
error-overflow = { $field }: talet är för stort
error-required = uppgiften saknas
error-required-for-service = uppgiften saknas: tjänsten behöver den
error-required-for-voucher = uppgiften saknas: servicesedeln behöver den
error-required-level = uppgiften saknas: full eller partiell
error-required-legal-basis = uppgiften saknas: socialvård eller hälso- och sjukvård
error-required-hours = uppgiften saknas (eller besök per vecka och besökets längd)
error-negative = får inte vara negativ
error-at-most = får vara högst { $max }
error-at-least-one = måste vara minst 1
error-at-least-two-spouse = måste vara minst 2 när en make eller maka har angetts
error-too-many-lines = högst { $max } tjänsterader
error-voucher-only = används bara med servicesedel
error-visits-only = används bara med antal besök (per vecka eller per dag)
error-visits-not-both = ange besök per vecka eller per dag, inte båda
error-hours-not-both = ange timmar per månad eller besök och besökets längd, inte båda
error-visits-exceed-month = besök × minuter överskrider timmarna i en månad
error-voucher-rule = priset på en rad med servicesedel följer servicesedelns regler
error-not-flat-fee = är inte en tjänst med fast avgift
error-informal-care-own = stödet för närståendevård betalas av anordnaren: produktionssättet ska vara egen produktion
error-no-informal-care = taxan har inget stöd för närståendevård
error-unknown-class = okänd vårdarvodesklass ”{ $class }”; taxans klasser: { $classes }
error-no-highest-fee-cost = taxan anger ingen kostnad för tjänsten, så det finns ingen högsta avgift
error-income-not-given = inga inkomster eller avdrag anges när inkomsterna inte har angetts
error-no-highest-fee-voucher = en servicesedel vars värde beror på nettoinkomsterna har ingen högsta avgift
error-no-price = taxan har inget pris för tjänsten ”{ $service }”
error-not-offered-as = tjänsten ”{ $service }” erbjuds inte med produktionssättet ”{ $production }”
error-no-voucher = tjänsten ”{ $service }” har ingen servicesedel
error-staff = ”{ $value }” är varken läkare (doctor) eller sjukskötare (nurse)
error-level-not-offered = nivån ”{ $value }” erbjuds inte
error-field-not-used = uppgiften ”{ $name }” används inte för tjänsten ”{ $service }”
error-malformed = uppgiften duger inte ({ $detail })
