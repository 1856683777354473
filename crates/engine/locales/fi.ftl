# Kustannusarvio engine: Finnish (the reference language). Every message exists in fi, sv and en
# with the same variables (crates/engine/tests/messages.rs). Figures arrive formatted:
# money `1 234,50 €`, numbers `42,5`; $persons and other counts are numbers.

## Units after a quantity (`12 h`, `3 kertaa`)
unit-hours = h
unit-months = kk
unit-times = kertaa
unit-care-days = hoitopäivää
unit-days = vuorokautta
unit-visits = käyntiä

## Rounding of the service hours (tariff `home_care.hours_rounding`)
rounding-half_up = lähimpään kokonaiseen tuntiin, puolikkaat ylöspäin
rounding-up = ylöspäin kokonaiseen tuntiin
rounding-down = alaspäin kokonaiseen tuntiin
rounding-none = ei pyöristystä

## Deductions from income
deduction-maintenance = elatusapu ja vastaavat
deduction-guardianship = edunvalvonnan palkkio
deduction-foreclosure = ulosmittaus
deduction-compensation = hyvitys
deduction-medicines = lääkekulut
deduction-housing = asumiskulut

## Acts cited in legal references (`asiakasmaksulaki 10 e §`)
law-client-charges-act = asiakasmaksulaki
law-client-charges-decree = asetus 912/1992
law-service-voucher-act = palvelusetelilaki
law-informal-care-act = omaishoitolaki

## Home care and communal housing (asiakasmaksulaki 10 e–10 g §)
step-hours-given = Suunnitellut palvelutunnit: { $hours } h/kk
step-hours-from-visits = { $visits } käyntiä viikossa × { $minutes } min = { $weekly } h/vko; × { $weeks } viikkoa/kk = { $hours } h/kk
step-hours-rounded = Maksuluokan tunnit pyöristettynä ({ $rounding }): { $hours } h/kk
step-home-care-percent = Maksuprosentti { $hours } h/kk ja { $persons } henkilön perheelle: { $percent } %
step-home-care-income-limit = Tuloraja { $persons } henkilön perheelle: { $limit }
step-home-care-income = Perheen bruttotulot { $gross } − vähennykset { $deductions } = { $income }
step-home-care-fee = Tulorajan ylittävä osa { $over } × { $percent } % = { $unrounded } → { $fee }
step-cost-cap = Maksu ei voi ylittää palvelun tuotantokustannusta: { $cap }

## Income
step-income-not-given = Tuloja ei ole annettu: maksu on korkein mahdollinen eli palvelun tuotantokustannus { $cap }
step-forest-income = Laskennallinen metsätulo { $yearly } vuodessa, josta huomioidaan { $percent } % kuukautta kohden: { $monthly }
step-deduction = Vähennys ({ $kind }): { $amount }

## Long-term 24-hour care (asiakasmaksulaki 7 c §)
step-flat-medicine = Lääkekulujen kiinteä vähennys: { $amount }
step-net-income = { $who ->
        [spouse] Puolison
       *[client] Asiakkaan
    } nettotulot { $income } − vähennykset { $deductions } = { $net }
step-both-in-care = Molemmat puolisot ovat pitkäaikaisessa ympärivuorokautisessa hoidossa: maksu määräytyy kummankin omista tuloista
step-spouse-rule = Asiakkaan tulot ovat puolison tuloja suuremmat: { $percent } % puolisoiden yhteenlasketuista nettotuloista { $combined } = { $fee }
step-spouse-protection = Puolisoille on jäätävä vähintään käyttövara { $minimum } + { $amount } = { $keep }; maksu enintään { $fee }
step-minimum-funds-arithmetic = Asiakkaalle on jäätävä käyttövara { $minimum }; maksu enintään { $net } − { $minimum } = { $fee }
step-minimum-funds = Asiakkaalle on jäätävä käyttövara { $minimum }; maksu enintään { $fee }
step-long-term-percent = { $percent } % asiakkaan nettotuloista { $net } = { $fee }
step-long-term-fee = Kuukausimaksu: { $fee }

## Flat fees, the organiser's cost, informal care support
step-flat-fee = { $unit_fee } × { $quantity } { $unit } = { $fee }
step-organiser-cost = Hyvinvointialueen kustannus ({ $production ->
        [purchased] ostopalvelu
       *[own] oma tuotanto
    }): { $price } × { $quantity } { $unit } = { $cost }
step-care-allowance = Omaishoidon tuen hoitopalkkio (luokka { $class }): { $allowance } kuukaudessa; asiakkaalle ei maksua

## Support services (asiakasmaksulaki 10 h §)
step-support-level = { $service } ({ $level }): { $fee } kuukaudessa
step-support-fee = { $service }: { $unit_fee } × { $units } = { $fee }
step-support-tiered-not-given = { $service }: tuloja ei ole annettu → korkeampi maksu { $fee } kuukaudessa
step-support-tiered = { $service }: tulot { $income } { $low ->
        [true] enintään
       *[false] yli
    } tulorajan { $limit } → { $fee } kuukaudessa
step-support-units = { $per_week } kertaa viikossa × { $weeks } viikkoa/kk = { $units } kertaa/kk

## Service vouchers (palvelusetelilaki 569/2009)
step-voucher-flat-value = Palvelusetelin arvo: { $value }
step-voucher-income-not-given = Tuloja ei ole annettu: setelin arvo on pienin { $min }
step-voucher-income-related = Tulosidonnainen setelin arvo: ({ $base } − ({ $income } − { $limit }) × { $percent } % ÷ { $divisor }) × { $multiplier } = { $raw }, rajattuna välille { $min }…{ $max } → { $value }
step-voucher-copay = Omavastuu palveluntuottajalle: ({ $price } − { $value }) × { $quantity } = { $copay }; hyvinvointialue maksaa { $organiser_per_unit } × { $quantity } = { $cost } (ei yli tuottajan hinnan). Omana tuotantona maksu olisi { $ordinary }.
step-voucher-full-cover = Asiakas maksaa tavanomaisen maksun { $ordinary } hyvinvointialueelle; hyvinvointialue maksaa tuottajalle { $organiser_per_unit } × { $quantity } = { $cost }.
step-voucher-monthly-price = Tuottajan hinta kuukaudessa: { $daily } × { $days } päivää = { $monthly }
step-voucher-by-net-income = Setelin arvo nettotuloilla { $net }: { $value }

## The payment ceiling (asiakasmaksulaki 6 a §)
step-payment-ceiling = Maksukattoon laskettavat maksut olisivat { $total } vuodessa; maksukatto { $ceiling } täyttyy, minkä jälkeen palvelut ovat maksuttomia (lyhytaikaisessa laitoshoidossa ylläpitomaksu, yhteensä { $after }).

## Warnings
warning-payment-ceiling = Maksukatto täyttyy 12 kuukauden aikana. { $step }
warning-unverified = Arviossa on käytetty tariffin arvoja, joita ei ole vahvistettu lähteestä: { $list }
warning-fee-reduction = Maksujen jälkeen kotitaloudelle jää { $remaining } kuukaudessa, alle { $threshold }. Harkitse maksun alentamista tai perimättä jättämistä (asiakasmaksulaki 11 §).
warning-spouse-income-not-given = Puolisolle ei ole annettu nettotuloja. Jos asiakas asui puolison kanssa, pitkäaikaisen hoidon maksu lasketaan puolisoiden yhteenlasketuista nettotuloista (asiakasmaksulaki 7 c § 2 mom.): anna puolison tulot.
warning-spouse-income-missing = Pitkäaikainen hoito on arvioitu { $persons } henkilön kotitaloudelle ilman puolison tuloja. Jos asiakas asui puolison kanssa, maksu lasketaan puolisoiden yhteenlasketuista nettotuloista ja voi olla pienempi (asiakasmaksulaki 7 c § 2 mom.): anna puolison tulot.
