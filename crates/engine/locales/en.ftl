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
step-care-allowance = Carer's allowance of the support for informal care (class { $class }): { $allowance } a month; no fee for the client

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
step-support-units = { $per_week } times a week × { $weeks } weeks/month = { $units } times/month

## Service vouchers
step-voucher-flat-value = Value of the service voucher: { $value }
step-voucher-income-not-given = No income given: the voucher has its lowest value, { $min }
step-voucher-income-related = Income-related value of the voucher: ({ $base } − ({ $income } − { $limit }) × { $percent } % ÷ { $divisor }) × { $multiplier } = { $raw }, limited to { $min }…{ $max } → { $value }
step-voucher-copay = Client's share paid to the provider: ({ $price } − { $value }) × { $quantity } = { $copay }; the wellbeing services county pays { $organiser_per_unit } × { $quantity } = { $cost } (at most the provider's price). In own production the fee would be { $ordinary }.
step-voucher-full-cover = The client pays the ordinary fee { $ordinary } to the wellbeing services county; the county pays the provider { $organiser_per_unit } × { $quantity } = { $cost }.
step-voucher-monthly-price = The provider's price per month: { $daily } × { $days } days = { $monthly }
step-voucher-by-net-income = Voucher value at a net income of { $net }: { $value }

## The payment ceiling
step-payment-ceiling = The fees counted toward the payment ceiling would be { $total } a year; the ceiling of { $ceiling } is reached, after which the services are free of charge (short-term institutional care still costs a maintenance fee, { $after } in all).

## Warnings
warning-payment-ceiling = The payment ceiling is reached within 12 months. { $step }
warning-unverified = The estimate uses tariff values not yet confirmed in their source: { $list }
warning-fee-reduction = After the fees the household has { $remaining } a month left, less than { $threshold }. Consider reducing the fee or not charging it (section 11 of the Act on Client Charges in Healthcare and Social Welfare).
warning-spouse-income-not-given = No net income is given for the spouse. If the client lived with the spouse, the fee for long-term care is calculated from the spouses' combined net income (section 7 c, subsection 2 of the Act on Client Charges in Healthcare and Social Welfare): enter the spouse's income.
warning-spouse-income-missing = Long-term care has been estimated for a household of { $persons } persons without the spouse's income. If the client lived with the spouse, the fee is calculated from the spouses' combined net income and may be lower (section 7 c, subsection 2 of the Act on Client Charges in Healthcare and Social Welfare): enter the spouse's income.
