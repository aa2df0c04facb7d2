namespace Patchwork.Graph.Model;

/// <summary>
/// A ten-digit NHS number whose last digit is the modulus-11 check digit of the first nine
/// (weights 10 down to 2; 11 minus the remainder, 11 becomes 0, 10 is never valid).
/// </summary>
public readonly record struct NhsNumber
{
    private NhsNumber(string digits) => Digits = digits;

    public string Digits { get; }

    public static bool TryParse(string? text, out NhsNumber number)
    {
        number = default;
        if (text is null)
        {
            return false;
        }

        // People write NHS numbers in 3-3-4 groups; the spaces carry no meaning.
        var digits = text.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (digits[i] - '0') * (10 - i);
        }

        var check = 11 - (sum % 11);
        if (check == 11)
        {
            check = 0;
        }

        if (check == 10 || check != digits[9] - '0')
        {
            return false;
        }

        number = new NhsNumber(digits);
        return true;
    }

    public static NhsNumber Parse(string text) =>
        TryParse(text, out var number)
            ? number
            : throw new GraphRuleException($"'{text}' is not a valid NHS number: it must be 10 digits whose last digit is the modulus-11 check digit.");

    /// <summary>The 3-3-4 form people read, e.g. "943 476 5919".</summary>
    public string Formatted => Digits is null ? "" : $"{Digits[..3]} {Digits[3..6]} {Digits[6..]}";

    public override string ToString() => Digits ?? "";
}
