using System.Runtime.CompilerServices;

namespace ImapClient.Protocol;

/// <summary>
/// The text of a server defect given to <see cref="ImapReader.Tolerate(ImapQuirks, ref DefectText)"/> as an
/// interpolated string: it is formatted only when the defect is not tolerated and becomes an error message, so a
/// tolerated quirk costs no string.
/// </summary>
[InterpolatedStringHandler]
internal ref struct DefectText
{
    // Left default (no buffer rented) when the defect is tolerated: the compiler then calls no Append method.
    private DefaultInterpolatedStringHandler _text;

    public DefectText(int literalLength, int formattedCount, ImapReader reader, ImapQuirks quirk, out bool needed)
    {
        needed = !reader.Tolerates(quirk);
        _text = needed ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    public void AppendFormatted(scoped ReadOnlySpan<char> value) => _text.AppendFormatted(value);

    /// <summary>The formatted text; called only when it was needed.</summary>
    public string ToStringAndClear() => _text.ToStringAndClear();
}
