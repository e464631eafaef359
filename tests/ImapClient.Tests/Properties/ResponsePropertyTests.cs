using System.Buffers;
using CsCheck;
using ImapClient.Fuzz;
using ImapClient.Protocol;
using ImapClient.Tests.Infrastructure;
using MimeKit;

namespace ImapClient.Tests.Properties;

/// <summary>
/// Generated FETCH responses parse back to the values they were made from, however the bytes are split; and
/// mutations of real transcripts keep the fuzzer's invariant. Bounded case counts keep the run short in CI.
/// </summary>
public class ResponsePropertyTests
{
    private const int Cases = 400;

    private static readonly Gen<string> Atom = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], 1, 8];

    private static readonly Gen<string> Host = Atom.Array[1, 3].Select(labels => string.Join('.', labels) + ".example");

    private static readonly Gen<string> LocalPart = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789+_-"], 1, 10]
        .Where(s => char.IsLetterOrDigit(s[0]));

    /// <summary>Display names: words of letters (Latin, accented, CJK) separated by single spaces.</summary>
    private static readonly Gen<string?> Name = Maybe(Gen.String[Gen.Char["abcXYZéüßøΩжλ日本中"], 1, 7].Array[1, 3]
        .Select(words => string.Join(' ', words)), 4);

    /// <summary>Subjects with the characters quoting must get right: quotes, backslashes, brackets, braces, UTF-8.</summary>
    private static readonly Gen<string?> Subject = Maybe(Gen.String[Gen.Char["ab Z09\"\\()[]{}%*é日€"], 0, 40], 10);

    private static readonly Gen<AddressModel> Address = Gen.Select(Name, LocalPart, Host, (n, m, h) => new AddressModel(n, m, h));

    private static readonly Gen<TextBodyModel> TextBody = Gen.Select(
        Generators.OneOf("plain", "html", "calendar"), Generators.OneOf("us-ascii", "utf-8", "iso-8859-1"), Gen.Long[0, 1L << 40], Gen.Long[0, 100_000],
        (subtype, charset, octets, lines) => new TextBodyModel(subtype, charset, octets, lines));

    private static readonly Gen<BodyModel> Body = BodyOfDepth(3);

    private static readonly Gen<DateTimeOffset> InternalDate = Gen.Select(
        Gen.Long[new DateTime(1990, 1, 1).Ticks / TimeSpan.TicksPerSecond, new DateTime(2090, 1, 1).Ticks / TimeSpan.TicksPerSecond],
        Gen.Int[-12 * 4, 14 * 4],
        (seconds, quarters) => new DateTimeOffset(new DateTime(seconds * TimeSpan.TicksPerSecond), TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(quarters * 15)));

    private static readonly Gen<FetchModel> Fetch =
        from seq in Gen.UInt[1, 100_000]
        from uid in Gen.UInt[1, uint.MaxValue]
        from flags in Gen.Int[0, 31]
        from keywords in Atom.Select(a => "$" + a).Array[0, 3]
        from size in Gen.Long[0, long.MaxValue / 2]
        from date in InternalDate
        from subject in Subject
        from fromList in Address.Array[0, 3]
        from toList in Address.Array[0, 9]
        from messageId in Maybe(Gen.Select(LocalPart, Host, (l, h) => $"<{l}@{h}>"), 5)
        from body in Body
        from literals in Gen.Bool.Array[1, 8]
        select new FetchModel(seq, uid, (SystemFlags)flags, keywords.Distinct(StringComparer.OrdinalIgnoreCase).ToArray(), size, date,
            subject, fromList, toList, messageId, body, literals);

    private static Gen<string?> Maybe(Gen<string> gen, int oneNullIn) =>
        Gen.Select(gen, Gen.Int[0, oneNullIn - 1], (value, roll) => roll == 0 ? null : value);

    private static Gen<BodyModel> BodyOfDepth(int depth) => depth == 0
        ? TextBody.Select(t => (BodyModel)t)
        : Gen.Frequency(
            (3, TextBody.Select(t => (BodyModel)t)),
            (1, Gen.Select(Generators.OneOf("mixed", "alternative", "related"), BodyOfDepth(depth - 1).Array[1, 3],
                (subtype, parts) => (BodyModel)new MultipartBodyModel(subtype, parts))));

    [Test]
    public void Generated_FETCH_responses_parse_back_to_their_values_in_any_segmenting()
    {
        Gen.Select(Fetch, Gen.Int[0, 64]).Sample((model, segment) =>
        {
            var bytes = model.Encode();
            var sequence = segment == 0 ? new ReadOnlySequence<byte>(bytes) : Segments.Split(bytes, segment);
            Assert.That(new ResponseScanner(ImapLimits.Default).TryFindResponse(sequence, out var length) && length == bytes.Length,
                "the scanner finds exactly the one response");

            var message = ((ImapFetchResponse)ResponseParser.Parse(sequence, ImapLimits.Default, new RawValueArena()).Response).Message;
            AssertMatches(model, message);
        }, iter: Cases, threads: 1);
    }

    [Test]
    public void Random_mutations_of_real_transcripts_parse_or_fail_only_with_a_protocol_error()
    {
        var corpus = Directory.GetFiles(Path.Combine(TestContext.CurrentContext.TestDirectory, "FuzzCorpus"))
            .Select(File.ReadAllBytes).ToArray();
        Assert.That(corpus, Has.Length.GreaterThan(50), "the seed corpus is copied beside the tests");

        var mutation = Gen.Select(Gen.Int[0, corpus.Length - 1], Gen.Int[1, 8], Gen.UInt, Gen.Int[0, 16]);
        mutation.Sample((index, count, seed, segment) =>
        {
            var input = Mutate(corpus[index], count, seed);
            Assert.DoesNotThrow(() => ResponseInvariant.Check(input, segment), $"input: {Convert.ToBase64String(input)}");
        }, iter: Cases * 5, threads: 1);
    }

    /// <summary>Flips, inserts, deletes and duplicates bytes, favouring IMAP's structural characters.</summary>
    private static byte[] Mutate(byte[] source, int count, uint seed)
    {
        var random = new Random((int)seed);
        var bytes = source.ToList();
        var interesting = "(){}[]\"\\ \r\n*+~0123456789NIL"u8;
        for (var i = 0; i < count && bytes.Count > 0; i++)
        {
            var at = random.Next(bytes.Count);
            var b = random.Next(3) == 0 ? (byte)random.Next(256) : interesting[random.Next(interesting.Length)];
            switch (random.Next(4))
            {
                case 0: bytes[at] = b; break;
                case 1: bytes.Insert(at, b); break;
                case 2: bytes.RemoveAt(at); break;
                default: bytes.InsertRange(at, bytes.Skip(at).Take(random.Next(1, 16)).ToArray()); break;
            }
        }

        return [.. bytes];
    }

    private static void AssertMatches(FetchModel model, FetchedMessage message)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.SequenceNumber, Is.EqualTo(model.Sequence));
            Assert.That(message.Uid, Is.EqualTo(model.Uid));
            Assert.That(message.Flags!.System, Is.EqualTo(model.Flags));
            Assert.That(message.Flags.Keywords, Is.EqualTo(model.Keywords));
            Assert.That(message.Size, Is.EqualTo(model.Size));
            Assert.That(message.InternalDate, Is.EqualTo(model.InternalDate));
            Assert.That(message.InternalDate!.Value.Offset, Is.EqualTo(model.InternalDate.Offset));
            Assert.That(message.Envelope!.Subject, Is.EqualTo(model.Subject));
            Assert.That(message.Envelope.MessageId, Is.EqualTo(model.MessageId));
            AssertAddresses(message.Envelope.From, model.From);
            AssertAddresses(message.Envelope.To, model.To);
            AssertBody(message.BodyStructure!, model.Body);
        }
    }

    private static void AssertAddresses(InternetAddressList actual, AddressModel[] expected) =>
        Assert.That(actual.Mailboxes.Select(m => (m.Name, m.Address)),
            Is.EqualTo(expected.Select(e => (string.IsNullOrEmpty(e.Name) ? null : e.Name, $"{e.Mailbox}@{e.Host}"))));

    private static void AssertBody(BodyPart actual, BodyModel expected)
    {
        switch (expected)
        {
            case TextBodyModel text:
                Assert.That(actual, Is.TypeOf<BodyPartText>());
                var part = (BodyPartText)actual;
                Assert.That((part.ContentType.MimeType, part.ContentType.Charset, part.Octets, part.Lines),
                    Is.EqualTo(($"text/{text.Subtype}", text.Charset, text.Octets, text.Lines)));
                break;
            case MultipartBodyModel multipart:
                Assert.That(actual, Is.TypeOf<BodyPartMultipart>());
                var parts = ((BodyPartMultipart)actual).Parts;
                Assert.That(actual.ContentType.MimeType, Is.EqualTo($"multipart/{multipart.Subtype}"));
                Assert.That(parts, Has.Count.EqualTo(multipart.Parts.Length));
                for (var i = 0; i < parts.Count && i < multipart.Parts.Length; i++)
                {
                    AssertBody(parts[i], multipart.Parts[i]);
                }

                break;
        }
    }
}
