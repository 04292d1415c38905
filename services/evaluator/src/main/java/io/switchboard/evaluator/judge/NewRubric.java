package io.switchboard.evaluator.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /internal/rubrics}: a new version of a criterion's judge.
 *
 * @param criterion   what is judged, e.g. {@code helpfulness}: lower case, digits, {@code _}
 * @param template    the instructions, quoting the job with {@code {{answer}}} (required) and {@code {{prompt}}}
 * @param scaleMin    the lowest score
 * @param scaleMax    the highest score
 * @param passMark    the least passing score
 * @param judgeModel  the model alias to ask
 */
public record NewRubric(String criterion, String template, Double scaleMin, Double scaleMax, Double passMark,
        String judgeModel) {

    private static final Pattern CRITERION = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    static final int TEMPLATE_LIMIT = 20_000;

    /** What is wrong with it, one sentence per problem; empty when it can be stored. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (criterion == null || !CRITERION.matcher(criterion).matches()) {
            problems.add("'criterion' must be 1 to 40 characters of a-z, 0-9 and _, starting with a letter.");
        }
        if (template == null || !template.contains(JudgePrompt.ANSWER)) {
            problems.add("'template' must quote the judged answer as " + JudgePrompt.ANSWER + ".");
        } else if (template.length() > TEMPLATE_LIMIT) {
            problems.add("'template' must be at most " + TEMPLATE_LIMIT + " characters.");
        }
        if (scaleMin == null || scaleMax == null || !Double.isFinite(scaleMin) || !Double.isFinite(scaleMax)
                || scaleMin >= scaleMax) {
            problems.add("'scale_min' and 'scale_max' must be numbers with scale_min below scale_max.");
        } else if (passMark == null || passMark < scaleMin || passMark > scaleMax) {
            problems.add("'pass_mark' must lie on the scale, between scale_min and scale_max.");
        }
        if (judgeModel == null || judgeModel.isBlank() || judgeModel.length() > 256) {
            problems.add("'judge_model' must name the model alias the judge is asked on.");
        }
        return problems;
    }
}
