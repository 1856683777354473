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
step-care-allowance = Vårdarvode inom stödet för närståendevård (klass { $class }): { $allowance } per månad; klienten betalar ingen avgift

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
step-support-units = { $per_week } gånger per vecka × { $weeks } veckor/mån. = { $units } gånger/mån.

## Service vouchers
step-voucher-flat-value = Servicesedelns värde: { $value }
step-voucher-income-not-given = Inkomsterna har inte uppgetts: servicesedelns värde är det lägsta, { $min }
step-voucher-income-related = Servicesedelns inkomstrelaterade värde: ({ $base } − ({ $income } − { $limit }) × { $percent } % ÷ { $divisor }) × { $multiplier } = { $raw }, begränsat till { $min }…{ $max } → { $value }
step-voucher-copay = Självriskandel till serviceproducenten: ({ $price } − { $value }) × { $quantity } = { $copay }; välfärdsområdet betalar { $organiser_per_unit } × { $quantity } = { $cost } (högst producentens pris). I egen produktion vore avgiften { $ordinary }.
step-voucher-full-cover = Klienten betalar den normala avgiften { $ordinary } till välfärdsområdet; välfärdsområdet betalar producenten { $organiser_per_unit } × { $quantity } = { $cost }.
step-voucher-monthly-price = Producentens pris per månad: { $daily } × { $days } dagar = { $monthly }
step-voucher-by-net-income = Servicesedelns värde vid nettoinkomster på { $net }: { $value }

## The payment ceiling
step-payment-ceiling = De avgifter som räknas in i avgiftstaket vore { $total } per år; avgiftstaket { $ceiling } nås, varefter tjänsterna är avgiftsfria (vid kortvarig institutionsvård tas en uppehållsavgift ut, sammanlagt { $after }).

## Warnings
warning-payment-ceiling = Avgiftstaket nås inom 12 månader. { $step }
warning-unverified = I beräkningen används värden i taxan som inte har bekräftats i källan: { $list }
warning-fee-reduction = Efter avgifterna återstår { $remaining } per månad för hushållet, under { $threshold }. Överväg att sätta ned avgiften eller låta bli att ta ut den (11 § i lagen om klientavgifter inom social- och hälsovården).
warning-spouse-income-not-given = Makens nettoinkomster har inte angetts. Om klienten bodde tillsammans med sin make räknas avgiften för långvarig vård på makarnas sammanräknade nettoinkomster (7 c § 2 mom. i lagen om klientavgifter inom social- och hälsovården): ange makens inkomster.
warning-spouse-income-missing = Den långvariga vården har beräknats för ett hushåll med { $persons } personer utan makens inkomster. Om klienten bodde tillsammans med sin make räknas avgiften på makarnas sammanräknade nettoinkomster och kan vara lägre (7 c § 2 mom. i lagen om klientavgifter inom social- och hälsovården): ange makens inkomster.
