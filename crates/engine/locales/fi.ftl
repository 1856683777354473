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
step-care-allowance = Omaishoidon tuen hoitopalkkio (hoitopalkkioluokka: { $class }): { $allowance } kuukaudessa; asiakkaalle ei maksua

## Support services (asiakasmaksulaki 10 h §)
step-support-level = { $service } ({ $level }): { $fee } kuukaudessa
step-support-fee = { $service }: { $unit_fee } × { $units } = { $fee }
step-support-tiered-not-given = { $service }: tuloja ei ole annettu → korkeampi maksu { $fee } kuukaudessa
step-support-tiered = { $service }: tulot { $income } { $low ->
        [true] enintään
       *[false] yli
    } tulorajan { $limit } → { $fee } kuukaudessa
step-support-tiered-beyond = { $service }: tulot { $income } { $low ->
        [true] enintään
       *[false] yli
    } tulorajan { $limit } ({ $persons } hengen raja koskee myös suurempaa kotitaloutta) → { $fee } kuukaudessa
step-support-delivery = { $service }: { $per_week } toimitusta viikossa × { $weeks } viikkoa/kk = { $per_month } toimitusta/kk × { $unit_fee } = { $fee }
step-support-with-delivery = { $service }: { $fee } + toimitukset { $delivery } = { $total }
step-support-units = { $per_week } kertaa viikossa × { $weeks } viikkoa/kk = { $units } kertaa/kk

## Service vouchers (palvelusetelilaki 569/2009)
step-voucher-flat-value = Palvelusetelin arvo: { $value }
step-voucher-income-not-given = Tuloja ei ole annettu: setelin arvo on pienin { $min }
step-voucher-income-related = Tulosidonnainen setelin arvo: ({ $base } − ({ $income } − { $limit }) × { $percent } % ÷ { $divisor }) × { $multiplier } = { $raw }, rajattuna välille { $min }…{ $max } → { $value }
step-voucher-copay = Omavastuu palveluntuottajalle: ({ $price } − { $value }) × { $quantity } = { $copay }; hyvinvointialue maksaa { $organiser_per_unit } × { $quantity } = { $cost } (ei yli tuottajan hinnan). Omana tuotantona maksu olisi { $ordinary }.
step-voucher-full-cover = Asiakas maksaa tavanomaisen maksun { $ordinary } hyvinvointialueelle; hyvinvointialue maksaa tuottajalle { $organiser_per_unit } × { $quantity } = { $cost }.
step-voucher-monthly-price = Tuottajan hinta kuukaudessa: { $daily } × { $days } päivää = { $monthly }
step-voucher-by-net-income = Setelin arvo nettotuloilla { $net }: { $value }
step-voucher-leave-cap = Omaishoitajan vapaan aikana omavastuu on enintään { $cap }; hyvinvointialue maksaa tuottajalle lisäksi { $over }

## The organisation's own fee waivers (tariff `exemptions`)
step-exemption = { $exemption }: maksu { $waived } jätetään perimättä → { $fee }

## The payment ceiling (asiakasmaksulaki 6 a §)
step-payment-ceiling = Maksukattoon laskettavat maksut olisivat { $total } vuodessa; maksukatto { $ceiling } täyttyy, minkä jälkeen palvelut ovat maksuttomia (lyhytaikaisessa laitoshoidossa ylläpitomaksu, yhteensä { $after }).

## Warnings
warning-payment-ceiling = Maksukatto täyttyy 12 kuukauden aikana. { $step }
warning-unverified = Arviossa on käytetty taksan arvoja, joita ei ole vahvistettu lähteestä: { $list }.
warning-unverified-placeholders = Arviossa on käytetty taksan arvoja, joita ei ole vahvistettu lähteestä: { $list }. Näistä paikkamerkkejä, joita hyvinvointialue ei ole vielä päättänyt: { $placeholders }.
warning-fee-reduction = Maksujen jälkeen kotitaloudelle jää { $remaining } kuukaudessa, alle { $threshold }. Harkitse maksun alentamista tai perimättä jättämistä (asiakasmaksulaki 11 §).
warning-spouse-income-not-given = Puolisolle ei ole annettu nettotuloja. Jos asiakas asui puolison kanssa, pitkäaikaisen hoidon maksu lasketaan puolisoiden yhteenlasketuista nettotuloista (asiakasmaksulaki 7 c § 2 mom.): anna puolison tulot.
warning-spouse-income-missing = Pitkäaikainen hoito on arvioitu { $persons } henkilön kotitaloudelle ilman puolison tuloja. Jos asiakas asui puolison kanssa, maksu lasketaan puolisoiden yhteenlasketuista nettotuloista ja voi olla pienempi (asiakasmaksulaki 7 c § 2 mom.): anna puolison tulot.

## Services by their codes (parameter titles)
service-home_care = Kotihoito
service-communal_housing = Yhteisöllinen asuminen
service-round_the_clock_housing = Ympärivuorokautinen palveluasuminen
service-institutional_care = Pitkäaikainen laitoshoito
service-short_term_care = Lyhytaikainen laitoshoito
service-day_night_care = Päivä- tai yöhoito
service-temporary_home_nursing = Tilapäinen kotisairaanhoito
service-informal_care_leave = Omaishoitajan vapaa
service-informal_care_support = Omaishoidon tuki

## Parameter titles, by where the parameter is written in the tariff (`unverified_parameters`,
## `tariffs report`). Finnish uses the parameter's own description when it has one.
title-support = { $service }: { $what }
title-voucher = Palveluseteli, { $service }: { $what }
title-price = Kustannus: { $service } ({ $production ->
        [purchased] ostopalvelu
       *[own] oma tuotanto
    })
title-exemption = { $exemption }: { $what }
param-support-fee_per_unit = maksu
param-support-weeks_per_month = viikkoja kuukaudessa
param-support-income_tiered-limit = tuloraja
param-support-income_tiered-low = alempi maksu
param-support-income_tiered-high = ylempi maksu
param-support-delivery-fee = kuljetusmaksu
param-support-delivery-per_week = toimituksia viikossa
param-support-fee_by_level = maksu ({ $level ->
        [full] täysi
        [partial] osittainen
       *[other] { $level }
    })
param-voucher-flat_value = arvo
param-voucher-days_per_month = päiviä kuukaudessa
param-voucher-by_net_income = arvo nettotulojen mukaan
param-voucher-income_related-base = perusarvo
param-voucher-income_related-percent = prosentti perheen koon mukaan
param-voucher-income_related-divisor = jakaja
param-voucher-income_related-multiplier = kerroin
param-voucher-income_related-min = vähimmäisarvo
param-voucher-income_related-max = enimmäisarvo
param-exemption-services = palvelut
param-exemption-requires_package = edellytetty palvelu paketissa
param-income-forest_income_percent = Laskennallisesta metsätulosta huomioitava osuus
param-income-guardianship_cap = Edunvalvonnan palkkion vähennyksen enimmäismäärä
param-home_care-percentages = Kotihoidon maksuprosentti palvelutuntien ja perheen koon mukaan
param-home_care-income_limit = Kotihoidon tuloraja perheen koon mukaan
param-home_care-hours_rounding = Kotihoidon palvelutuntien pyöristys
param-home_care-weeks_per_month = Kotihoidon viikkotunnit kuukausitunneiksi
param-home_care-deductions = Kotihoidon maksussa tuloista tehtävät vähennykset
param-home_care-cost_cap_per_hour = Kotihoidon maksun enimmäismäärä tunnilta (tuotantokustannus)
param-communal_housing-percentages = Yhteisöllisen asumisen maksuprosentti palvelutuntien ja perheen koon mukaan
param-communal_housing-income_limit = Yhteisöllisen asumisen tuloraja perheen koon mukaan
param-communal_housing-hours_rounding = Yhteisöllisen asumisen palvelutuntien pyöristys
param-communal_housing-weeks_per_month = Yhteisöllisen asumisen viikkotunnit kuukausitunneiksi
param-communal_housing-deductions = Yhteisöllisen asumisen maksussa tuloista tehtävät vähennykset
param-communal_housing-cost_cap_per_hour = Yhteisöllisen asumisen maksun enimmäismäärä tunnilta (tuotantokustannus)
param-long_term_care-client_percent = Pitkäaikaisen hoidon maksuprosentti
param-long_term_care-spouse_percent = Pitkäaikaisen hoidon maksuprosentti, puolisosääntö
param-long_term_care-minimum_funds_housing = Käyttövara, ympärivuorokautinen palveluasuminen
param-long_term_care-minimum_funds_institution = Käyttövara, pitkäaikainen laitoshoito
param-long_term_care-deductions = Nettotuloista tehtävät vähennykset (pitkäaikainen hoito)
param-long_term_care-flat_medicine_deduction_housing = Kiinteä lääkekuluvähennys ympärivuorokautisessa palveluasumisessa
param-long_term_care-spouse_protection_amount = Puolisoille käyttövaran lisäksi jäävä määrä (toimeentulotuen perusosa)
param-long_term_care-cost_cap_housing = Ympärivuorokautisen palveluasumisen maksun enimmäismäärä (tuotantokustannus)
param-long_term_care-cost_cap_institution_social = Laitospalvelun maksun enimmäismäärä, sosiaalihuolto
param-long_term_care-cost_cap_institution_health = Laitoshoidon maksun enimmäismäärä, terveydenhuolto
param-flat_fees-short_term_care_per_day = Lyhytaikaisen laitoshoidon maksu hoitopäivältä
param-flat_fees-short_term_care_after_ceiling_per_day = Ylläpitomaksu maksukaton täyttymisen jälkeen hoitopäivältä
param-flat_fees-day_night_care_per_day = Päivä- tai yöhoidon maksu vuorokaudelta
param-flat_fees-temporary_home_nursing_doctor_per_visit = Tilapäinen kotisairaanhoito, lääkärin käynti
param-flat_fees-temporary_home_nursing_nurse_per_visit = Tilapäinen kotisairaanhoito, muun henkilön käynti
param-flat_fees-informal_care_leave_per_day = Omaishoitajan vapaan ajan palvelujen maksu vuorokaudelta
param-payment_ceiling-yearly = Maksukatto kalenterivuodessa
param-payment_ceiling-counting_services = Palvelut, joiden maksut kerryttävät maksukattoa
param-fee_reduction-minimum_remaining_income = Varoitusraja: kotitaloudelle maksujen jälkeen jäävät nettotulot
param-informal_care_support-minimum_allowance = Omaishoidon tuen hoitopalkkion vähimmäismäärä
param-informal_care_support-minimum_allowance_heavy_transition = Hoitopalkkion vähimmäismäärä hoidollisesti raskaan siirtymävaiheen aikana
param-informal_care_support-classes = Omaishoidon tuen hoitopalkkio, luokka: { $class }

## Errors (EngineError, written for people: the CLI's `message` in the language asked)
error-invalid_input = Virheellinen tieto: { $problem }
error-field = { $field }: { $problem }
error-unknown_service = { $field }: tuntematon palvelu ”{ $service }”
error-not_in_force = Taksan arvolla { $parameter } ei ole voimassa olevaa arvoa { $date }
error-tariff = Virhe taksatiedostossa { $file }: { $detail }
error-overflow = { $field }: luku on liian suuri
error-required = tieto puuttuu
error-required-for-service = tieto puuttuu: palvelu tarvitsee sen
error-required-for-voucher = tieto puuttuu: palveluseteli tarvitsee sen
error-required-level = tieto puuttuu: täysi tai osittainen
error-required-legal-basis = tieto puuttuu: sosiaalihuolto tai terveydenhuolto
error-required-hours = tieto puuttuu (tai käynnit viikossa ja käynnin kesto)
error-negative = ei voi olla negatiivinen
error-at-most = saa olla enintään { $max }
error-at-least-one = on oltava vähintään 1
error-at-least-two-spouse = on oltava vähintään 2, kun puoliso on annettu
error-too-many-lines = enintään { $max } palveluriviä
error-voucher-only = käytetään vain palvelusetelillä tuotetussa palvelussa
error-visits-only = käytetään vain käyntimäärän (viikossa tai päivässä) kanssa
error-visits-not-both = anna käynnit viikossa tai päivässä, ei molempia
error-hours-not-both = anna tunnit kuukaudessa tai käynnit ja käynnin kesto, ei molempia
error-visits-exceed-month = käynnit × minuutit ylittävät kuukauden tunnit
error-voucher-rule = palvelusetelirivin hinta tulee palvelusetelin säännöistä
error-not-flat-fee = ei ole tasamaksullinen palvelu
error-informal-care-own = omaishoidon tuen maksaa järjestäjä: tuotantotavan on oltava oma tuotanto
error-no-informal-care = taksassa ei ole omaishoidon tukea
error-unknown-class = tuntematon hoitopalkkioluokka ”{ $class }”; taksan luokat: { $classes }
error-no-highest-fee-cost = taksa ei anna palvelun kustannusta, joten korkeinta maksua ei ole
error-income-not-given = tuloja tai vähennyksiä ei anneta, kun tuloja ei ole annettu
error-no-highest-fee-voucher = nettotulojen mukaan määräytyvällä palvelusetelillä ei ole korkeinta maksua
error-no-price = taksassa ei ole hintaa palvelulle ”{ $service }”
error-not-offered-as = palvelua ”{ $service }” ei tarjota tuotantotavalla ”{ $production }”
error-no-voucher = palvelulle ”{ $service }” ei ole palveluseteliä
error-staff = ”{ $value }” ei ole lääkäri (doctor) eikä sairaanhoitaja (nurse)
error-level-not-offered = tasoa ”{ $value }” ei tarjota
error-field-not-used = tietoa ”{ $name }” ei käytetä palvelussa ”{ $service }”
error-malformed = tieto ei kelpaa ({ $detail })
