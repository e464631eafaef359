using ImapClient.Protocol;

namespace ImapClient;

/// <summary>The search criteria part of SEARCH, SORT and THREAD commands, with the charset each grammar wants.</summary>
internal static class SearchCriteria
{
    /// <summary>
    /// SEARCH: <c>[CHARSET UTF-8 SP] keys</c>; the charset only when some string is not ASCII, and never once UTF8=ACCEPT
    /// is enabled (<paramref name="utf8Accepted"/>): RFC 6855 section 3 forbids it then, every string being UTF-8.
    /// </summary>
    public static void WriteSearchProgram(CommandBuilder builder, SearchQuery query, bool utf8Accepted)
    {
        if ((query.Features & SearchFeatures.NonAscii) != 0 && !utf8Accepted)
        {
            builder.Raw("CHARSET UTF-8 "u8);
        }

        query.Write(builder);
    }

    /// <summary>SORT and THREAD: <c>charset SP keys</c>; the charset is required, US-ASCII unless some string is not.</summary>
    public static void WriteWithCharset(CommandBuilder builder, SearchQuery query)
    {
        builder.Raw((query.Features & SearchFeatures.NonAscii) != 0 ? "UTF-8 "u8 : "US-ASCII "u8);
        query.Write(builder);
    }

    /// <summary>Refuses, before anything is sent, a query that needs an extension the server does not offer.</summary>
    public static void ThrowIfUnsupported(SearchQuery query, ImapCapabilities capabilities)
    {
        if ((query.Features & SearchFeatures.ModSeq) != 0 && !capabilities.Contains("CONDSTORE"))
        {
            throw new NotSupportedException("The query uses MODSEQ, which needs CONDSTORE (RFC 7162); this server does not offer it.");
        }

        if ((query.Features & SearchFeatures.SavedResult) != 0 && !capabilities.Contains("SEARCHRES"))
        {
            throw new NotSupportedException("The query uses the saved result ($), which needs SEARCHRES (RFC 5182); this server does not offer it.");
        }
    }
}
