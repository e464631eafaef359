using System.Buffers;
using System.Text;

namespace ImapClient;

/// <summary>
/// Which flags and keywords a client may send. It sits with the model because a <see cref="MessageFlags"/> checks its
/// keywords when built, and the command encoder (Protocol/) checks them again when it writes them.
/// </summary>
internal static class FlagSyntax
{
    /// <summary>
    /// A flag a client may send besides the system flags: a keyword, or an extension flag <c>\atom</c> (RFC 3501
    /// flag-extension), which servers report among the keywords and a client must be able to store back. Never
    /// <c>\*</c>, and never <c>\Recent</c>, which only the server sets.
    /// </summary>
    public static bool IsValidFlag(string flag) =>
        IsValidKeyword(flag)
        || (flag.Length > 1 && flag[0] == '\\' && IsValidKeyword(flag.AsSpan(1)) && !string.Equals(flag, "\\Recent", StringComparison.OrdinalIgnoreCase));

    /// <summary>A keyword (flag-keyword) is a non-empty atom of 7-bit ASCII: no spaces, controls or specials.</summary>
    public static bool IsValidKeyword(string keyword) => IsValidKeyword(keyword.AsSpan());

    private static bool IsValidKeyword(ReadOnlySpan<char> keyword) =>
        keyword.Length > 0 && keyword.IndexOfAny(NotKeywordChars) < 0 && Ascii.IsValid(keyword);

    private static readonly SearchValues<char> NotKeywordChars = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\t\n\u000b\u000c\r\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f" +
        " ()\\{%*\"]\u007f");
}
