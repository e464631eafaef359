using System.Globalization;

namespace ImapClient.Protocol;

/// <summary>The <c>[COPYUID uidvalidity source-uids destination-uids]</c> response code of UIDPLUS (RFC 4315).</summary>
internal static class CopyUidCode
{
    /// <summary>
    /// The copies' UIDs, or null when <paramref name="code"/> is not COPYUID or is malformed. A malformed code costs
    /// the caller only the UIDs: the server did copy, and failing the command would invite a second copy.
    /// </summary>
    public static CopyResult? TryRead(ImapResponseCode? code)
    {
        if (code is not { Name: "COPYUID", Arguments: { } arguments })
        {
            return null;
        }

        var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not [var validityText, var sourceText, var destinationText]
            || !uint.TryParse(validityText, NumberStyles.None, CultureInfo.InvariantCulture, out var validity)
            || !SequenceSet.TryParseUidSet(sourceText, out var source)
            || !SequenceSet.TryParseUidSet(destinationText, out var destination)
            || source.Count != destination.Count
            || source.Count > int.MaxValue)
        {
            return null;
        }

        return new CopyResult(validity, source, destination);
    }
}
