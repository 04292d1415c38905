package io.switchboard.evaluator.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /internal/rubrics}: a new version of a criterion's judge.
 *
 * @param criterion   what is judged, e.g. {@code helpfulness}: lower case, digits, {@code _}
 * @param template    the instructions, quoting the job with {@code {{answer}}} (required) and {@code {{prompt}}};
 *                    a pairwise judge's with {@code {{prompt}}}, {@code {{answer_a}}} and {@code {{answer_b}}}
 * @param scaleMin    the lowest score (pointwise)
 * @param scaleMax    the highest score (pointwise)
 * @param passMark    the least passing score (pointwise)
 * @param judgeModel  the model alias to ask
 * @param kind        {@code pointwise} (the default) or {@code pairwise}
 * @param route       a pairwise judge's route
 * @param variants    the two variants of that route a pairwise judge compares
 */
public record NewRubric(String criterion, String template, Double scaleMin, Double scaleMax, Double passMark,
        String judgeModel, String kind, String route, List<String> variants) {

    public NewRubric(String criterion, String template, Double scaleMin, Double scaleMax, Double passMark,
            String judgeModel) {
        this(criterion, template, scaleMin, scaleMax, passMark, judgeModel, null, null, null);
    }

    public String kindOrDefault() {
        return kind == null ? Rubric.POINTWISE : kind;
    }

    private static final Pattern CRITERION = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    static final int TEMPLATE_LIMIT = 20_000;

    /** What is wrong with it, one sentence per problem; empty when it can be stored. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (criterion == null || !CRITERION.matcher(criterion).matches()) {
            problems.add("'criterion' must be 1 to 40 characters of a-z, 0-9 and _, starting with a letter.");
        }
        if (template != null && template.length() > TEMPLATE_LIMIT) {
            problems.add("'template' must be at most " + TEMPLATE_LIMIT + " characters.");
        }
        if (judgeModel == null || judgeModel.isBlank() || judgeModel.length() > 256) {
            problems.add("'judge_model' must name the model alias the judge is asked on.");
        }
        switch (kindOrDefault()) {
            case Rubric.POINTWISE -> pointwiseProblems(problems);
            case Rubric.PAIRWISE -> pairwiseProblems(problems);
            default -> problems.add("'kind' must be pointwise or pairwise.");
        }
        return problems;
    }

    private void pairwiseProblems(List<String> problems) {
        if (template == null || !template.contains(JudgePrompt.ANSWER_A) || !template.contains(JudgePrompt.ANSWER_B)) {
            problems.add("a pairwise 'template' must quote both answers as " + JudgePrompt.ANSWER_A + " and "
                    + JudgePrompt.ANSWER_B + ".");
        }
        if (route == null || route.isBlank() || route.length() > 256) {
            problems.add("a pairwise judge names the 'route' whose variants it compares.");
        }
        if (variants == null || variants.size() != 2 || variants.stream().anyMatch(v -> v == null || v.isBlank()
                || v.length() > 128) || variants.get(0).equals(variants.get(1))) {
            problems.add("a pairwise judge compares two different 'variants' of its route.");
        }
    }

    private void pointwiseProblems(List<String> problems) {
        if (template == null || !template.contains(JudgePrompt.ANSWER)) {
            problems.add("'template' must quote the judged answer as " + JudgePrompt.ANSWER + ".");
        }
        if (scaleMin == null || scaleMax == null || !Double.isFinite(scaleMin) || !Double.isFinite(scaleMax)
                || scaleMin >= scaleMax) {
            problems.add("'scale_min' and 'scale_max' must be numbers with scale_min below scale_max.");
        } else if (passMark == null || passMark < scaleMin || passMark > scaleMax) {
            problems.add("'pass_mark' must lie on the scale, between scale_min and scale_max.");
        }
    }
}
