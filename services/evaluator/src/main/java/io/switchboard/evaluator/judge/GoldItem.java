package io.switchboard.evaluator.judge;

/**
 * One labelled item of the judges' gold set: a prompt, an answer, and whether a careful human rated the answer
 * as passing the criterion.
 */
public record GoldItem(String id, String criterion, String prompt, String answer, String label) {

    public boolean labelledPass() {
        return "pass".equals(label);
    }
}
