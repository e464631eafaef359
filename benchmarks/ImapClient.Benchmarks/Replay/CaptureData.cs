using System.IO.Compression;
using System.Text;
using ImapClient.Benchmarks.Wire;

namespace ImapClient.Benchmarks.Replay;

/// <summary>
/// The recorded server responses under <c>benchmarks/data/</c> (gzip), and the synthetic SEARCH response. Each file
/// holds untagged responses only, exactly as Dovecot sent them; the replaying server adds the tagged completion.
/// </summary>
internal static class CaptureData
{
    /// <summary>The summaries FETCH (UID FLAGS ENVELOPE BODYSTRUCTURE INTERNALDATE RFC822.SIZE) of 10,000 messages.</summary>
    public const string FetchSummariesFile = "fetch-summaries.imap.gz";

    /// <summary>The answer to <c>LIST "" "*"</c> for about 5,000 mailboxes.</summary>
    public const string ListFile = "list-mailboxes.imap.gz";

    /// <summary>The message count of the summaries capture, and of the server workloads.</summary>
    public const int Messages = 10_000;

    /// <summary>The UID count of the synthetic SEARCH response.</summary>
    public const int SearchUids = 100_000;

    /// <summary>The summaries capture, or its first <paramref name="count"/> responses.</summary>
    public static byte[] FetchSummaries(int count = Messages) => Prefix(Load(FetchSummariesFile), count);

    /// <summary>The LIST capture.</summary>
    public static byte[] List() => Load(ListFile);

    /// <summary>
    /// <c>* SEARCH</c> with <paramref name="count"/> ascending UIDs, with gaps as a mailbox has after expunges. Not
    /// captured: Dovecot sends exactly this form, and a 100,000-message mailbox would make capturing slow.
    /// </summary>
    public static byte[] Search(int count = SearchUids)
    {
        var random = new Random(7);
        var text = new StringBuilder(count * 7);
        text.Append("* SEARCH");
        uint uid = 1000;
        for (var i = 0; i < count; i++)
        {
            uid += random.Next(10) == 0 ? (uint)random.Next(2, 40) : 1;
            text.Append(' ').Append(uid);
        }

        return Encoding.ASCII.GetBytes(text.Append("\r\n").ToString());
    }

    /// <summary>The first <paramref name="count"/> responses of <paramref name="data"/>.</summary>
    public static byte[] Prefix(byte[] data, int count)
    {
        var ends = ImapWire.ResponseEnds(data);
        if (count > ends.Count)
        {
            throw new InvalidDataException($"The capture holds {ends.Count} responses, not {count}.");
        }

        return count == ends.Count ? data : data.AsSpan(0, ends[count - 1]).ToArray();
    }

    /// <summary>How many responses <paramref name="data"/> holds.</summary>
    public static int CountResponses(byte[] data) => ImapWire.ResponseEnds(data).Count;

    public static byte[] Load(string name)
    {
        var path = Path.Combine(DataDirectory(), name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing; regenerate it with: dotnet run -c Release --project benchmarks/ImapClient.Benchmarks -- capture", path);
        }

        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }

    public static void Save(string name, byte[] data)
    {
        var path = Path.Combine(SourceDataDirectory(), name);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
        gzip.Write(data);
    }

    /// <summary>
    /// The data folder: copied next to the assembly by the build (BenchmarkDotNet runs a copy of it elsewhere), or
    /// the repository's <c>benchmarks/data</c>.
    /// </summary>
    public static string DataDirectory()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "data");
        return File.Exists(Path.Combine(copied, FetchSummariesFile)) ? copied : SourceDataDirectory();
    }

    /// <summary>The repository's <c>benchmarks/data</c>, found from the current folder or the assembly's.</summary>
    public static string SourceDataDirectory()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "benchmarks", "ImapClient.Benchmarks", "ImapClient.Benchmarks.csproj")))
                {
                    var data = Path.Combine(dir.FullName, "benchmarks", "data");
                    Directory.CreateDirectory(data);
                    return data;
                }
            }
        }

        throw new DirectoryNotFoundException("benchmarks/data not found: run from inside the repository.");
    }
}
