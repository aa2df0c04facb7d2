namespace Patchwork.Cli.Generate;

/// <summary>Valid, unique made-up NHS numbers: consecutive numbers from 990 000 000, skipping those without a check digit.</summary>
internal sealed class NhsNumbers
{
    private long next = 990_000_000;

    public string Next()
    {
        while (true)
        {
            var stem = next++;
            var sum = 0;
            var digits = stem;
            for (var weight = 2; weight <= 10; weight++)
            {
                sum += (int)(digits % 10) * weight;
                digits /= 10;
            }

            var check = 11 - (sum % 11);
            if (check == 11)
            {
                check = 0;
            }

            if (check != 10)
            {
                return $"{stem}{check}";
            }
        }
    }
}
