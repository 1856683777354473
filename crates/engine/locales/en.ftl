# Kustannusarvio engine: English. Terms from the English translations of the law (Finlex: Act on
# Client Charges in Healthcare and Social Welfare 734/1992) and the wellbeing services counties'
# English pages; see the glossary in README.md.

## Units after a quantity
unit-hours = h
unit-months = month(s)
unit-times = times
unit-care-days = care days
unit-days = days
unit-visits = visits

## Rounding of the service hours
rounding-half_up = to the nearest whole hour, halves up
rounding-up = up to a whole hour
rounding-down = down to a whole hour
rounding-none = not rounded

## Deductions from income
deduction-maintenance = maintenance paid and the like
deduction-guardianship = guardian's fee
deduction-foreclosure = enforcement (distraint)
deduction-compensation = compensation
deduction-medicines = medicine costs
deduction-housing = housing costs

## Acts cited in legal references
law-client-charges-act = Act on Client Charges in Healthcare and Social Welfare
law-client-charges-decree = Decree on Client Charges in Healthcare and Social Welfare (912/1992)
law-service-voucher-act = Act on Service Vouchers in Social Welfare and Health Care
law-informal-care-act = Act on Support for Informal Care

## Home care and communal housing
step-hours-given = Planned service hours: { $hours } h/month
step-hours-from-visits = { $visits } visits a week × { $minutes } min = { $weekly } h/week; × { $weeks } weeks/month = { $hours } h/month
step-hours-rounded = Hours for the fee band, rounded ({ $rounding }): { $hours } h/month
step-home-care-percent = Fee percentage for { $hours } h/month and a family of { $persons ->
        [one] one person
       *[other] { $persons } persons
    }: { $percent } %
step-home-care-income-limit = Income limit for a family of { $persons ->
        [one] one person
       *[other] { $persons } persons
    }: { $limit }
step-home-care-income = The family's gross income { $gross } − deductions { $deductions } = { $income }
step-home-care-fee = Income over the limit { $over } × { $percent } % = { $unrounded } → { $fee }
step-cost-cap = The fee cannot exceed the cost of producing the service: { $cap }

## Income
step-income-not-given = No income given: the fee is the highest possible, the cost of producing the service { $cap }
step-forest-income = Calculated forest income { $yearly } a year, of which { $percent } % counts per month: { $monthly }
step-deduction = Deduction ({ $kind }): { $amount }

## Long-term 24-hour care
step-flat-medicine = Flat deduction for medicine costs: { $amount }
step-net-income = { $who ->
        [spouse] The spouse's
       *[client] The client's
    } net income { $income } − deductions { $deductions } = { $net }
step-both-in-care = Both spouses are in long-term 24-hour care: each pays by their own income
step-spouse-rule = The client's income is higher than the spouse's: { $percent } % of the spouses' combined net income { $combined } = { $fee }
step-spouse-protection = The spouses must keep at least the amount for personal use { $minimum } + { $amount } = { $keep }; the fee is at most { $fee }
step-minimum-funds-arithmetic = The client must keep an amount for personal use of { $minimum }; the fee is at most { $net } − { $minimum } = { $fee }
step-minimum-funds = The client must keep an amount for personal use of { $minimum }; the fee is at most { $fee }
step-long-term-percent = { $percent } % of the client's net income { $net } = { $fee }
step-long-term-fee = Monthly fee: { $fee }

## Flat fees, the organiser's cost, informal care support
step-flat-fee = { $unit_fee } × { $quantity } { $unit } = { $fee }
step-organiser-cost = Cost to the wellbeing services county ({ $production ->
        [purchased] purchased service
       *[own] own production
    }): { $price } × { $quantity } { $unit } = { $cost }
step-care-allowance = Carer's allowance of the support for informal care (allowance class: { $class }): { $allowance } a month; no fee for the client

## Support services
step-support-level = { $service } ({ $level ->
        [full] full
       *[partial] partial
    }): { $fee } a month
step-support-fee = { $service }: { $unit_fee } × { $units } = { $fee }
step-support-tiered-not-given = { $service }: no income given → the higher fee { $fee } a month
step-support-tiered = { $service }: income { $income } is { $low ->
        [true] at most
       *[false] over
    } the income limit { $limit } → { $fee } a month
step-support-tiered-beyond = { $service }: income { $income } is { $low ->
        [true] at most
       *[false] over
    } the income limit { $limit } (the limit for { $persons } persons also applies to a larger household) → { $fee } a month
step-support-delivery = { $service }: { $per_week } deliveries a week × { $weeks } weeks/month = { $per_month } deliveries/month × { $unit_fee } = { $fee }
step-support-with-delivery = { $service }: { $fee } + deliveries { $delivery } = { $total }
step-support-units = { $per_week } times a week × { $weeks } weeks/month = { $units } times/month

## Service vouchers
step-voucher-flat-value = Value of the service voucher: { $value }
step-voucher-income-not-given = No income given: the voucher has its lowest value, { $min }
step-voucher-income-related = Income-related value of the voucher: ({ $base } − ({ $income } − { $limit }) × { $percent } % ÷ { $divisor }) × { $multiplier } = { $raw }, limited to { $min }…{ $max } → { $value }
step-voucher-copay = Client's share paid to the provider: ({ $price } − { $value }) × { $quantity } = { $copay }; the wellbeing services county pays { $organiser_per_unit } × { $quantity } = { $cost } (at most the provider's price). In own production the fee would be { $ordinary }.
step-voucher-full-cover = The client pays the ordinary fee { $ordinary } to the wellbeing services county; the county pays the provider { $organiser_per_unit } × { $quantity } = { $cost }.
step-voucher-monthly-price = The provider's price per month: { $daily } × { $days } days = { $monthly }
step-voucher-by-net-income = Voucher value at a net income of { $net }: { $value }
step-voucher-leave-cap = During the informal carer's leave the client's share is at most { $cap }; the wellbeing services county pays the provider the remaining { $over }

## The organisation's own fee waivers (tariff `exemptions`)
step-exemption = { $exemption }: the fee { $waived } is waived → { $fee }

## The payment ceiling
step-payment-ceiling = The fees counted toward the payment ceiling would be { $total } a year; the ceiling of { $ceiling } is reached, after which the services are free of charge (short-term institutional care still costs a maintenance fee, { $after } in all).

## Warnings
warning-payment-ceiling = The payment ceiling is reached within 12 months. { $step }
warning-unverified = The estimate uses tariff values not yet confirmed in their source: { $list }.
warning-unverified-placeholders = The estimate uses tariff values not yet confirmed in their source: { $list }. Of these, provisional values the wellbeing services county has not decided yet: { $placeholders }.
warning-fee-reduction = After the fees the household has { $remaining } a month left, less than { $threshold }. Consider reducing the fee or not charging it (section 11 of the Act on Client Charges in Healthcare and Social Welfare).
warning-spouse-income-not-given = No net income is given for the spouse. If the client lived with the spouse, the fee for long-term care is calculated from the spouses' combined net income (section 7 c, subsection 2 of the Act on Client Charges in Healthcare and Social Welfare): enter the spouse's income.
warning-spouse-income-missing = Long-term care has been estimated for a household of { $persons } persons without the spouse's income. If the client lived with the spouse, the fee is calculated from the spouses' combined net income and may be lower (section 7 c, subsection 2 of the Act on Client Charges in Healthcare and Social Welfare): enter the spouse's income.

## Services by their codes (parameter titles)
service-home_care = Home care
service-communal_housing = Communal housing
service-round_the_clock_housing = 24-hour service housing
service-institutional_care = Long-term institutional care
service-short_term_care = Short-term institutional care
service-day_night_care = Day or night care
service-temporary_home_nursing = Temporary home nursing
service-informal_care_leave = Informal carer's leave
service-informal_care_support = Support for informal care

## Parameter titles, by where the parameter is written in the tariff
title-support = { $service }: { $what }
title-voucher = Service voucher, { $service }: { $what }
title-price = Cost: { $service } ({ $production ->
        [purchased] purchased service
       *[own] own production
    })
title-exemption = { $exemption }: { $what }
param-support-fee_per_unit = fee
param-support-weeks_per_month = weeks per month
param-support-income_tiered-limit = income limit
param-support-income_tiered-low = lower fee
param-support-income_tiered-high = higher fee
param-support-delivery-fee = delivery fee
param-support-delivery-per_week = deliveries per week
param-support-fee_by_level = fee ({ $level ->
        [full] full
        [partial] partial
       *[other] { $level }
    })
param-voucher-flat_value = value
param-voucher-days_per_month = days per month
param-voucher-by_net_income = value by net income
param-voucher-income_related-base = base value
param-voucher-income_related-percent = percentage by family size
param-voucher-income_related-divisor = divisor
param-voucher-income_related-multiplier = multiplier
param-voucher-income_related-min = minimum value
param-voucher-income_related-max = maximum value
param-exemption-services = services
param-exemption-requires_package = service required in the package
param-income-forest_income_percent = Share of the calculated forest income counted
param-income-guardianship_cap = Maximum deduction for the guardian's fee
param-home_care-percentages = Home care fee percentage by service hours and family size
param-home_care-income_limit = Home care income limit by family size
param-home_care-hours_rounding = Rounding of the home care service hours
param-home_care-weeks_per_month = Home care: weekly hours to monthly hours
param-home_care-deductions = Deductions from income for the home care fee
param-home_care-cost_cap_per_hour = Maximum home care fee per hour (cost of production)
param-communal_housing-percentages = Communal housing fee percentage by service hours and family size
param-communal_housing-income_limit = Communal housing income limit by family size
param-communal_housing-hours_rounding = Rounding of the communal housing service hours
param-communal_housing-weeks_per_month = Communal housing: weekly hours to monthly hours
param-communal_housing-deductions = Deductions from income for the communal housing fee
param-communal_housing-cost_cap_per_hour = Maximum communal housing fee per hour (cost of production)
param-long_term_care-client_percent = Fee percentage of long-term care
param-long_term_care-spouse_percent = Fee percentage of long-term care, spouse rule
param-long_term_care-minimum_funds_housing = Amount for personal use, 24-hour service housing
param-long_term_care-minimum_funds_institution = Amount for personal use, long-term institutional care
param-long_term_care-deductions = Deductions from net income (long-term care)
param-long_term_care-flat_medicine_deduction_housing = Flat deduction for medicine costs in 24-hour service housing
param-long_term_care-spouse_protection_amount = Amount the spouses keep on top of the amount for personal use (basic amount of social assistance)
param-long_term_care-cost_cap_housing = Maximum fee for 24-hour service housing (cost of production)
param-long_term_care-cost_cap_institution_social = Maximum fee for institutional care in social welfare
param-long_term_care-cost_cap_institution_health = Maximum fee for long-term institutional care in health care
param-flat_fees-short_term_care_per_day = Short-term institutional care fee per care day
param-flat_fees-short_term_care_after_ceiling_per_day = Maintenance fee after the payment ceiling is reached, per care day
param-flat_fees-day_night_care_per_day = Day or night care fee per day
param-flat_fees-temporary_home_nursing_doctor_per_visit = Temporary home nursing, doctor's visit
param-flat_fees-temporary_home_nursing_nurse_per_visit = Temporary home nursing, visit by other staff
param-flat_fees-informal_care_leave_per_day = Fee for services during the informal carer's leave, per day
param-payment_ceiling-yearly = Payment ceiling per calendar year
param-payment_ceiling-counting_services = Services whose fees count toward the payment ceiling
param-fee_reduction-minimum_remaining_income = Warning threshold: the household's net income left after the fees
param-informal_care_support-minimum_allowance = Minimum carer's allowance of the support for informal care
param-informal_care_support-minimum_allowance_heavy_transition = Minimum carer's allowance during a heavy transition period of care
param-informal_care_support-classes = Carer's allowance of the support for informal care, class: { $class }

## Errors (EngineError, written for people: the CLI's `message` in the language asked)
error-invalid_input = Invalid input: { $problem }
error-field = { $field }: { $problem }
error-unknown_service = { $field }: unknown service “{ $service }”
error-not_in_force = The tariff value { $parameter } has no value in force on { $date }
error-tariff = Error in the tariff file { $file }: { $detail }
error-overflow = { $field }: the number is too large
error-required = is required
error-required-for-service = is required for this service
error-required-for-voucher = is required for a voucher
error-required-level = is required: full or partial
error-required-legal-basis = is required: social welfare or health care
error-required-hours = is required (or visits per week with the minutes per visit)
error-negative = must not be negative
error-at-most = must be at most { $max }
error-at-least-one = must be at least 1
error-at-least-two-spouse = must be at least 2 when a spouse is given
error-too-many-lines = at most { $max } service lines
error-voucher-only = is used only with a service voucher
error-visits-only = is used only with a number of visits (per week or per day)
error-visits-not-both = give visits per week or per day, not both
error-hours-not-both = give hours per month or visits with the minutes per visit, not both
error-visits-exceed-month = visits × minutes exceed the hours of a month
error-voucher-rule = a voucher line is priced by the voucher's rules
error-not-flat-fee = is not a flat-fee service
error-informal-care-own = informal care support is paid by the organiser: the production must be own production
error-no-informal-care = the tariff has no informal care support
error-unknown-class = unknown allowance class “{ $class }”; the tariff's classes: { $classes }
error-no-highest-fee-cost = the tariff gives no cost of this service, so there is no highest fee
error-income-not-given = no income or deduction is given when the income is not given
error-no-highest-fee-voucher = a voucher valued by net income has no highest fee
error-no-price = the tariff has no price for the service “{ $service }”
error-not-offered-as = the service “{ $service }” is not offered as “{ $production }”
error-no-voucher = the service “{ $service }” has no service voucher
error-staff = “{ $value }” is neither doctor nor nurse
error-level-not-offered = the level “{ $value }” is not offered
error-field-not-used = “{ $name }” is not used by the service “{ $service }”
error-malformed = the value is not valid ({ $detail })
