using DeepSeek.Observe.Query.Promql;

namespace DeepSeek.Observe.Query.Tests.Promql;

/// <summary>
/// Whatever the input, the parser either returns a tree that prints to a query parsing to the same text, or throws
/// <see cref="PromqlParseException"/>: never another exception, which the API would turn into a 500.
/// </summary>
public class PromqlParserRobustnessTests
{
    private const string Alphabet = "abfo_:09.5emxXsyhdw \n\t#{}[]()=!~<>+-*/%^@,\"'`\\";

    private static readonly string[] s_seeds =
    [
        "sum by (job) (rate(http_requests_total{job=~\"api|web\", code!=\"500\"}[5m] offset 1m))",
        "histogram_quantile(0.99, sum without (instance) (rate(foo_bucket[5m:30s] @ end())))",
        "a * on(x) group_left(y) b > bool 0.5 unless c or -d ^ 2",
        "label_replace(up, \"dst\", \"$1\", \"src\", \"(.*)\") and topk(3, count_values(\"v\", x))",
        "`raw` + 'single\\'' + \"double\\x41\\u00e9\"",
    ];

    [Fact]
    public void Parse_RandomText_OnlyThrowsParseErrors()
    {
        var random = new Random(20240601);
        for (var i = 0; i < 20_000; i++)
        {
            var chars = new char[random.Next(1, 40)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = Alphabet[random.Next(Alphabet.Length)];
            }

            AssertParsesOrFailsCleanly(new string(chars));
        }
    }

    [Fact]
    public void Parse_MutatedQueries_OnlyThrowParseErrors()
    {
        var random = new Random(7);
        foreach (var seed in s_seeds)
        {
            AssertParsesOrFailsCleanly(seed);
            for (var i = 0; i < 5_000; i++)
            {
                var text = seed.ToCharArray().ToList();
                for (var edits = random.Next(1, 4); edits > 0 && text.Count > 0; edits--)
                {
                    var at = random.Next(text.Count);
                    switch (random.Next(3))
                    {
                        case 0:
                            text.RemoveAt(at);
                            break;
                        case 1:
                            text.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                            break;
                        default:
                            text[at] = Alphabet[random.Next(Alphabet.Length)];
                            break;
                    }
                }

                AssertParsesOrFailsCleanly(new string([.. text]));
            }
        }
    }

    private static void AssertParsesOrFailsCleanly(string query)
    {
        string printed;
        try
        {
            printed = PromqlParser.Parse(query).ToString();
        }
        catch (PromqlParseException ex)
        {
            Assert.Matches(@"^\d+:\d+: parse error: ", ex.Message);
            return;
        }
        catch (Exception ex)
        {
            Assert.Fail($"{query}: {ex}");
            return;
        }

        Assert.Equal(printed, PromqlParser.Parse(printed).ToString());
    }
}
