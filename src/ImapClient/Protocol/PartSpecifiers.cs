using System.Globalization;

namespace ImapClient.Protocol;

/// <summary>
/// Part specifiers (<c>1</c>, <c>2.1</c> …) for body structures. Nearly every part of real mail sits in the first two
/// levels with fewer than ten siblings, so those come from a table built once: a message list of ten thousand
/// messages shares them instead of keeping a string per part.
/// </summary>
internal static class PartSpecifiers
{
    private const int TopLevel = 32;
    private const int Nested = 9;

    private static readonly string[] Top = BuildTop();
    private static readonly string[][] Second = BuildSecond();

    /// <summary>The specifier of child <paramref name="index"/> (from 1) of the part <paramref name="parent"/> ("" for the top).</summary>
    public static string Child(string parent, int index)
    {
        if (parent.Length == 0 && index <= TopLevel)
        {
            return Top[index];
        }

        if (parent.Length == 1 && parent[0] is >= '1' and <= '9' && index <= Nested)
        {
            return Second[parent[0] - '1'][index];
        }

        return parent.Length == 0
            ? index.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{parent}.{index}");
    }

    private static string[] BuildTop()
    {
        var top = new string[TopLevel + 1];
        for (var i = 1; i <= TopLevel; i++)
        {
            top[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        return top;
    }

    private static string[][] BuildSecond()
    {
        var second = new string[Nested][];
        for (var parent = 1; parent <= Nested; parent++)
        {
            second[parent - 1] = new string[Nested + 1];
            for (var i = 1; i <= Nested; i++)
            {
                second[parent - 1][i] = string.Create(CultureInfo.InvariantCulture, $"{parent}.{i}");
            }
        }

        return second;
    }
}
