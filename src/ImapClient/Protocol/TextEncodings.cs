using System.Text;

namespace ImapClient.Protocol;

/// <summary>
/// Makes the legacy code pages (GBK, Shift_JIS, KOI8-R, windows-125x …) available to MimeKit's decoders. MimeKit
/// resolves a charset once and remembers a failure, so this must run before MimeKit first meets text: it is called
/// from the static constructors of the entry points (the connection and the response parser).
/// </summary>
internal static class TextEncodings
{
    static TextEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Runs the static constructor, once.</summary>
    public static void EnsureRegistered()
    {
    }
}
